import Foundation

/// Issue 3: render every generated pod for Quadlet and for Kubernetes, in-process through
/// `RenderSelection.render(PodPlacement)` (one worker process per target), and, where `kubectl`
/// is on PATH, `kubectl kustomize` over the same pods' Deployments.
struct RenderBenchmark {
    var context: BenchContext
    /// Deployments given to `kubectl kustomize`: its build time grows faster than linearly with
    /// the number of resources (kubernetes-sigs/kustomize#5084), so 10,000 would not finish in
    /// the bench's time budget; the comparison is against our render of the same pods.
    var kustomizeCount = 1_000

    /// What one worker reported.
    struct WorkerFigures {
        var fields: [String: String]

        func double(_ key: String) -> Double { Double(fields[key] ?? "") ?? .nan }
        func int(_ key: String) -> Int { Int(fields[key] ?? "") ?? 0 }
    }

    func run() throws -> Table {
        var table = Table(title: "issue 3: render \(Units.count(context.podCount)) pods (in-process, RenderSelection.render)")
        let kubectl = BenchContext.onPath("kubectl")
        let kustomizeDir = context.path("kustomize")
        var subsetSequential = Double.nan
        var subsetPods = 0
        for target in ["quadlet", "kubernetes"] {
            var arguments = ["--render-worker", context.corpusRoot, target, String(context.runs)]
            if target == "kubernetes" && kubectl != nil {
                arguments += [kustomizeDir, String(min(kustomizeCount, context.podCount))]
            }
            let out = context.path("render-\(target).out")
            let run = try ChildProcess(
                program: context.benchExecutable, arguments: arguments, stdoutPath: out,
                stderrPath: context.path("render-\(target).err")
            ).run()
            guard run.status == 0 else {
                throw BenchFailure.unexpectedExit(
                    command: "agentplane-bench " + arguments.joined(separator: " "), status: run.status,
                    stderrPath: context.path("render-\(target).err"))
            }
            let figures = try Self.parse(out)
            let sequential = figures.double("sequential")
            let parallel = figures.double("parallel")
            if target == "kubernetes" {
                subsetSequential = figures.double("subsetSequential")
                subsetPods = figures.int("subsetPods")
            }
            table.notes.append(
                "\(target): CPU time 1 thread \(Units.seconds(figures.double("sequentialCPU"))), "
                    + "\(figures.int("threads")) threads \(Units.seconds(figures.double("parallelCPU")))")
            let what = "\(Units.count(figures.int("objects"))) objects, \(Units.megabytes(kib: figures.int("bytes") / 1024))"
            table.add(
                .init(
                    figure: "\(target): wall, 1 thread", value: Units.seconds(sequential), comparison: what,
                    target: "-", verdict: .info))
            table.add(
                .init(
                    figure: "\(target): wall, \(figures.int("threads")) threads", value: Units.seconds(parallel),
                    comparison: "1 thread \(Units.seconds(sequential))", ratio: Units.ratio(sequential / parallel),
                    target: "< 1 s", verdict: parallel < 1 ? .pass : .miss))
            let loaded = figures.int("loadedRSS")
            let peak = figures.int("peakRSS")
            table.add(
                .init(
                    figure: "\(target): peak RSS", value: Units.megabytes(kib: peak),
                    comparison: "documents loaded \(Units.megabytes(kib: loaded))",
                    ratio: "+\(Units.megabytes(kib: peak - loaded)) rendering", target: "-", verdict: .info))
        }
        if let kubectl {
            let sample = try Sample.measure(
                ChildProcess(
                    program: kubectl, arguments: ["kustomize", kustomizeDir],
                    stdoutPath: context.path("kustomize.out"), stderrPath: context.path("kustomize.err")),
                count: context.runs)
            table.add(
                .init(
                    figure: "kubectl kustomize, \(Units.count(subsetPods)) Deployments", value: Units.seconds(sample.wallSeconds),
                    comparison: "our k8s render of those \(Units.count(subsetPods)) pods \(Units.seconds(subsetSequential))",
                    ratio: "\(Units.ratio(sample.wallSeconds / subsetSequential)) ours faster", target: "-", verdict: .info))
            table.notes.append(
                "kubectl kustomize (\(sample.described), peak RSS \(Units.megabytes(kib: sample.peakRSSKiB))) only parses and "
                    + "re-emits the Deployment files we rendered for the first \(Units.count(subsetPods)) pods; our figure renders "
                    + "every object of those pods (ServiceAccount, NetworkPolicy, PVCs, Deployment) on 1 thread. kustomize build "
                    + "grows faster than linearly with the resource count (kubernetes-sigs/kustomize#5084), so it is not run on all "
                    + "\(Units.count(context.podCount)).")
        } else {
            table.notes.append("kubectl is not on PATH: no kustomize comparison")
        }
        table.notes.append(
            "one worker process per target; figures are the median of \(context.runs) renders; peak RSS is getrusage(self) "
                + "of the worker, which first loads the typed documents (JSON reader + decoder).")
        return table
    }

    static func parse(_ path: String) throws -> WorkerFigures {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var fields: [String: String] = [:]
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            fields[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        guard fields["sequential"] != nil else { throw BenchFailure.setup("the render worker printed no figures: \(text)") }
        return WorkerFigures(fields: fields)
    }
}
