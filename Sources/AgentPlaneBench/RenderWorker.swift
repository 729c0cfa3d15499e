import Dispatch
import Foundation
import PlaneModel
import Reconciler
import Rendering

/// The child process of the render benchmark: loads the generated documents, renders every pod
/// for one target (`quadlet` or `kubernetes`) on one thread and then on every core, and prints
/// its figures as one `key=value` line. A process per target keeps each target's peak RSS its own.
///
/// `agentplane-bench --render-worker ROOT TARGET RUNS [KUSTOMIZE_DIR KUSTOMIZE_COUNT]`; with
/// KUSTOMIZE_DIR (kubernetes only) it also times the render of the first KUSTOMIZE_COUNT pods
/// alone and writes their Deployments there with a kustomization.yaml listing them.
enum RenderWorker {
    static func main(_ arguments: [String]) throws {
        guard arguments.count >= 3, let runs = Int(arguments[2]) else {
            throw BenchFailure.setup("usage: --render-worker ROOT quadlet|kubernetes RUNS [KUSTOMIZE_DIR KUSTOMIZE_COUNT]")
        }
        let documents = try DocumentLoader.load(root: arguments[0])
        let node = try node(for: arguments[1])
        let placements = try placements(documents, on: node)
        let loadedRSS = Clock.selfPeakRSSKiB()

        var sequential: [Double] = []
        var sequentialCPU: [Double] = []
        var objectCount = 0
        var byteCount = 0
        var rendered: [[RenderedObject]] = []
        for _ in 0..<runs {
            rendered = []
            let cpu = Clock.selfCPUSeconds()
            let (result, seconds) = try Clock.time { try renderSequentially(placements) }
            sequentialCPU.append(Clock.selfCPUSeconds() - cpu)
            rendered = result
            sequential.append(seconds)
        }
        objectCount = rendered.reduce(0) { $0 + $1.count }
        byteCount = rendered.reduce(0) { $0 + $1.reduce(0) { $0 + $1.bytes.count } }
        let sequentialRSS = Clock.selfPeakRSSKiB()

        var parallel: [Double] = []
        var parallelCPU: [Double] = []
        for _ in 0..<runs {
            rendered = []
            let cpu = Clock.selfCPUSeconds()
            let (result, seconds) = try Clock.time { try renderInParallel(placements) }
            parallelCPU.append(Clock.selfCPUSeconds() - cpu)
            rendered = result
            parallel.append(seconds)
        }
        let parallelObjects = rendered.reduce(0) { $0 + $1.count }
        guard parallelObjects == objectCount else {
            throw BenchFailure.setup("parallel render made \(parallelObjects) objects, sequential \(objectCount)")
        }
        var subsetFields: [String] = []
        if arguments.count >= 5, let count = Int(arguments[4]) {
            let subset = Array(placements.prefix(count))
            var subsetTimes: [Double] = []
            for _ in 0..<runs {
                subsetTimes.append(try Clock.time { try renderSequentially(subset) }.1)
            }
            try writeKustomization(Array(rendered.prefix(count)), placements: subset, to: arguments[3])
            subsetFields = ["subsetPods=\(subset.count)", "subsetSequential=\(median(subsetTimes))"]
        }
        let fields =
            subsetFields + [
                "sequentialCPU=\(median(sequentialCPU))", "parallelCPU=\(median(parallelCPU))",
                "pods=\(placements.count)", "objects=\(objectCount)", "bytes=\(byteCount)",
                "sequential=\(median(sequential))", "parallel=\(median(parallel))",
                "threads=\(ProcessInfo.processInfo.activeProcessorCount)",
                "loadedRSS=\(loadedRSS)", "sequentialRSS=\(sequentialRSS)", "peakRSS=\(Clock.selfPeakRSSKiB())",
            ]
        print(fields.joined(separator: " "))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// A node of the requested target; capacities do not matter to rendering.
    static func node(for target: String) throws -> Fleet.Node {
        switch target {
        case "quadlet":
            return Fleet.Node(
                name: "bench-quadlet", stage: "dev",
                executor: .quadlet(unitDir: "/etc/containers/systemd", scope: .system, systemctl: ["systemctl"]))
        case "kubernetes":
            return Fleet.Node(name: "bench-k8s", stage: "dev", executor: .kubernetes(context: "bench", namespace: "agents"))
        default:
            throw BenchFailure.setup("unknown render target \(target) (quadlet or kubernetes)")
        }
    }

    static func placements(_ documents: DesiredDocuments, on node: Fleet.Node) throws -> [PodPlacement] {
        let bundles = Dictionary(documents.bundles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let profiles = Dictionary(documents.profiles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return try documents.pods.map { pod in
            guard let bundle = bundles[pod.spec.bundle], let profile = profiles[pod.spec.profile] else {
                throw BenchFailure.setup("pod \(pod.name) names a missing bundle or profile")
            }
            return PodPlacement(pod: pod, bundle: bundle, profile: profile, node: node)
        }
    }

    // MARK: - Rendering

    static func renderSequentially(_ placements: [PodPlacement]) throws -> [[RenderedObject]] {
        var out: [[RenderedObject]] = []
        out.reserveCapacity(placements.count)
        for placement in placements {
            out.append(try RenderSelection.render(placement))
        }
        return out
    }

    /// `DispatchQueue.concurrentPerform` over the pods, one result slot per pod.
    static func renderInParallel(_ placements: [PodPlacement]) throws -> [[RenderedObject]] {
        let slots = ResultSlots(count: placements.count)
        DispatchQueue.concurrentPerform(iterations: placements.count) { index in
            slots.set(index, Result { () throws(RenderError) in try RenderSelection.render(placements[index]) })
        }
        return try slots.values()
    }

    // MARK: - kubectl kustomize input

    static func writeKustomization(_ rendered: [[RenderedObject]], placements: [PodPlacement], to directory: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var resources: [String] = []
        for (index, objects) in rendered.enumerated() {
            guard let deployment = objects.first(where: { $0.kind == .deployment }) else { continue }
            let name = "\(placements[index].pod.name)-deployment.yaml"
            try PlainFile.write(deployment.bytes, to: directory + "/" + name)
            resources.append(name)
        }
        let text =
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
            + resources.map { "- \($0)\n" }.joined()
        try PlainFile.write(Array(text.utf8), to: directory + "/kustomization.yaml")
    }
}

/// One result slot per pod, filled from many threads (each slot by exactly one), read after.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[RenderedObject], RenderError>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<[RenderedObject], RenderError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws -> [[RenderedObject]] {
        try slots.map { slot in
            guard let slot else { throw BenchFailure.setup("a render slot was never filled") }
            return try slot.get()
        }
    }
}
