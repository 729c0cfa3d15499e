import Foundation

/// Parses the options, generates the inputs once, runs the chosen benchmarks and prints their
/// tables.
enum BenchMain {
    static let suites = ["validate", "render", "reconcile", "apply", "tick"]

    static func run(_ arguments: [String]) -> Int32 {
        var only: [String] = []
        var pods = 10_000
        var nodes = 1_000
        var runs = 3
        var keep = false
        var index = 0
        func value() -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--only":
                guard let suite = value(), suites.contains(suite) else { return usage() }
                only.append(suite)
            case "--pods":
                guard let text = value(), let number = Int(text), number > 0 else { return usage() }
                pods = number
            case "--nodes":
                guard let text = value(), let number = Int(text), number > 0 else { return usage() }
                nodes = number
            case "--runs":
                guard let text = value(), let number = Int(text), number > 0 else { return usage() }
                runs = number
            case "--keep": keep = true
            case "-h", "--help":
                print(help)
                return 0
            default: return usage()
            }
            index += 1
        }
        let selected = only.isEmpty ? suites : only

        let root = FileManager.default.currentDirectoryPath
        let bench = BenchContext.executablePath()
        let agentplane = URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("agentplane").path
        guard FileManager.default.isExecutableFile(atPath: agentplane) else {
            FileHandle.standardError.write(
                Data("agentplane-bench: \(agentplane) is missing: build the agentplane product first\n".utf8))
            return 1
        }
        guard FileManager.default.fileExists(atPath: root + "/schemas/agentpod.schema.json") else {
            FileHandle.standardError.write(Data("agentplane-bench: run from the repository root (schemas/ not found)\n".utf8))
            return 1
        }
        let scratch = NSTemporaryDirectory() + "agentplane-bench-\(getpid())"
        let context = BenchContext(
            repositoryRoot: root, agentplane: agentplane, benchExecutable: bench, scratch: scratch, podCount: pods,
            nodeCount: nodes, runs: runs)
        defer {
            if keep {
                print("\nkept the inputs in \(scratch)")
            } else {
                try? FileManager.default.removeItem(atPath: scratch)
            }
        }

        print("agentplane-bench on \(Machine.summary())")
        print("binary: \(agentplane)")
        print("load average at start: \(Machine.loadAverage())")
        let generationStart = Clock.now()
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try Corpus(podCount: pods, nodeCount: nodes).write(to: context.corpusRoot)
        } catch {
            FileHandle.standardError.write(Data("agentplane-bench: cannot generate the inputs: \(error)\n".utf8))
            return 1
        }
        let generation = Clock.now() - generationStart
        print(
            "inputs: \(Units.count(pods)) AgentPods, 100 bundles, 3 profiles, \(Units.count(nodes)) nodes, generated in "
                + "\(Units.seconds(generation)) under \(scratch) (seed fixed)")
        let (probe, probeNote) = RSSProbe.calibrate(benchExecutable: bench, folder: scratch)
        RSSProbe.shared = probe
        print("peak RSS: \(probeNote)")

        var misses = 0
        var failures = 0
        for suite in selected {
            let started = Clock.now()
            do {
                let table: Table
                switch suite {
                case "validate": table = try ValidateBenchmark(context: context).run()
                case "render": table = try RenderBenchmark(context: context).run()
                case "apply": table = try ApplyBenchmark(context: context).runPodman()
                case "tick": table = try ApplyBenchmark(context: context).runTick()
                default: table = try ReconcileBenchmark(context: context).run()
                }
                print(table.rendered(), terminator: "")
                print("  (\(suite) took \(Units.seconds(Clock.now() - started)); load average \(Machine.loadAverage()))")
                misses += table.misses
            } catch {
                failures += 1
                print("\n== \(suite): FAILED to measure: \(error)")
            }
        }
        print("")
        if let load = Machine.oneMinuteLoad(), load > Double(ProcessInfo.processInfo.activeProcessorCount) {
            print(
                "warning: the machine was busy (load average \(Machine.loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores): "
                    + "wall times include waiting for a core; the notes give CPU times")
        }
        print(
            misses == 0 && failures == 0
                ? "all figures meet their targets"
                : "\(misses) figure\(misses == 1 ? "" : "s") MISS \(misses == 1 ? "its target" : "their targets")"
                    + (failures > 0 ? "; \(failures) benchmark\(failures == 1 ? "" : "s") could not be measured" : ""))
        return 0
    }

    static let help = """
        usage: agentplane-bench [--only validate|render|reconcile|apply|tick]... [--pods N] [--nodes N] [--runs N] [--keep]
        Run from the repository root after `swift build -c release` of agentplane and agentplane-bench.
        Prints one table per issue: the figure, what it is compared with, the ratio, the target and PASS/MISS.
        """

    static func usage() -> Int32 {
        FileHandle.standardError.write(Data((help + "\n").utf8))
        return 64
    }
}
