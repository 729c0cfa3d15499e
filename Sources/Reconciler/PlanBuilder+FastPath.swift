import Foundation
import PlaneModel
import Planning

extension PlanBuilder {
    // MARK: - The fleet, cached by tree id

    /// The stages and nodes of `target`'s fleet: from the state directory when this fleet tree
    /// was read before (no blob read, nothing parsed), else from the repository, then kept.
    func fleetFacts(_ target: RevisionSource, cache: FastPathCache) throws(ReconcileError) -> FastPathFleet {
        if let tree = target.fleetTree?.hex, let cached = cache.fleet(tree: tree, version: version) {
            return cached
        }
        let facts = FastPathFleet(try target.loadFleet())
        if let tree = target.fleetTree?.hex {
            cache.storeFleet(facts, tree: tree, version: version)
        }
        return facts
    }

    // MARK: - The fast path

    /// The in-sync outcome when the fast path can answer, or nil when only the full pipeline
    /// can (nothing is loaded, rendered or planned here). For callers that skip setting up
    /// what applying needs while nothing is to be applied; `build` tries this first anyway.
    public func inSyncFastPath(_ request: ReconcileRequest) throws(ReconcileError) -> PlanOutcome? {
        try fastPath(prepare(request))
    }

    /// Answers from the last in-sync run's record, or returns nil when the full pipeline must run.
    ///
    /// The record has this run's key (same agentplane, same desired and fleet trees of every
    /// stage, same node filter), so what the nodes should hold is what they held then. A node
    /// whose fingerprint equals the recorded one is unchanged since it was observed in sync and
    /// is not read; every other node is observed, and its digest must equal the recorded one.
    /// Fingerprints are taken before observing, so a change made meanwhile shows next time.
    /// When a node had to be observed and still matched, the record takes its new fingerprint,
    /// so the next run need not read it again.
    func fastPath(_ run: PreparedRun) throws(ReconcileError) -> PlanOutcome? {
        guard let record = run.cache.record(for: run.key) else { return nil }
        let nodes = try selectedNodes(run.fleet.nodes, run.filter, planned: run.stages)
        guard !nodes.isEmpty, Set(record.digests.keys) == Set(nodes.map(\.name)) else { return nil }
        let prints = fingerprints(nodes)
        var refreshed = record
        for (index, node) in nodes.enumerated() {
            if let print = prints[index], record.fingerprints[node.name] == print { continue }
            guard let observation = try? observer.observe(node), observation.digest == record.digests[node.name] else {
                return nil
            }
            refreshed.fingerprints[node.name] = prints[index]
            refreshed.objects[node.name] = observation.objects.count
        }
        if refreshed != record {
            run.cache.store(refreshed)
        }
        return fastPathOutcome(target: run.target, stages: run.stages, nodes: nodes, record: refreshed, key: run.key)
    }

    /// The in-sync outcome: every node with no changes, its recorded digest and object count.
    /// Its `nodes` carry name, stage and executor only (nothing is applied to an in-sync plan).
    func fastPathOutcome(
        target: RevisionSource, stages: [(stage: String, source: RevisionSource?)], nodes: [Fleet.Node],
        record: FastPathRecord, key: String
    ) -> PlanOutcome {
        let revisions = Dictionary(stages.compactMap { s in s.source.map { (s.stage, $0.commit.hex) } }, uniquingKeysWith: { a, _ in a })
        let nodePlans = nodes.map { node in
            NodePlan(
                node: node.name, stage: node.stage, executor: node.executor.kind, revision: revisions[node.stage] ?? "",
                observedDigest: record.digests[node.name] ?? "", changes: [], unchanged: record.objects[node.name] ?? 0)
        }
        let notes = stages.filter { $0.source == nil }.map { "stage \($0.stage): nothing promoted yet; its nodes are left as they are" }
        let plan = Plan(revision: target.commit.hex, desiredTree: target.desiredTree?.hex, fleetTree: target.fleetTree?.hex, nodes: nodePlans)
        return PlanOutcome(plan: plan, notes: notes, fastPath: true, key: key, nodes: nodes)
    }

    // MARK: - Fingerprints

    /// Every node's fingerprint, in `nodes` order (nil: none, observe instead), taken on several
    /// threads: a fingerprint is mostly `fstatat` calls, which run in parallel in the kernel.
    /// Lanes take the next few nodes as they go, so a lane that loses its core holds up no other.
    func fingerprints(_ nodes: [Fleet.Node]) -> [String?] {
        let lanes = min(Self.fingerprintLanes, (nodes.count + FingerprintResults.chunk - 1) / FingerprintResults.chunk)
        guard lanes > 1 else { return nodes.map { observer.fingerprint($0) } }
        let results = FingerprintResults(observer: observer, nodes: nodes)
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in results.run() }
        return results.values
    }

    /// One lane per core (at least 2, so a walk that waits for the disk overlaps another; at most 8).
    static var fingerprintLanes: Int {
        min(8, max(2, ProcessInfo.processInfo.activeProcessorCount))
    }
}

/// The work of `PlanBuilder.fingerprints`: each lane takes the next `chunk` nodes under a lock
/// until none are left, and files their fingerprints.
private final class FingerprintResults: @unchecked Sendable {
    static let chunk = 8
    private let observer: any NodeObserver
    private let nodes: [Fleet.Node]
    private let lock = NSLock()
    private var next = 0
    private var storage: [String?]

    init(observer: any NodeObserver, nodes: [Fleet.Node]) {
        self.observer = observer
        self.nodes = nodes
        storage = Array(repeating: nil, count: nodes.count)
    }

    func run() {
        var done: [(Int, String?)] = []
        while let range = take() {
            done.removeAll(keepingCapacity: true)
            for index in range { done.append((index, observer.fingerprint(nodes[index]))) }
            lock.lock()
            for (index, print) in done { storage[index] = print }
            lock.unlock()
        }
    }

    private func take() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < nodes.count else { return nil }
        let range = next..<min(next + Self.chunk, nodes.count)
        next = range.upperBound
        return range
    }

    var values: [String?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
