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

    /// Answers from the last in-sync run's record, or returns nil when the full pipeline must run.
    ///
    /// The record has this run's key (same agentplane, same desired and fleet trees of every
    /// stage, same node filter), so what the nodes should hold is what they held then. A node
    /// whose fingerprint equals the recorded one is unchanged since it was observed in sync and
    /// is not read; every other node is observed, and its digest must equal the recorded one.
    /// Fingerprints are taken before observing, so a change made meanwhile shows next time.
    /// When a node had to be observed and still matched, the record takes its new fingerprint,
    /// so the next run need not read it again.
    func fastPath(
        _ record: FastPathRecord, target: RevisionSource, stages: [(stage: String, source: RevisionSource?)],
        fleet: FastPathFleet, filter: [String], cache: FastPathCache, key: String
    ) throws(ReconcileError) -> PlanOutcome? {
        let nodes = try selectedNodes(fleet.nodes, filter, planned: stages)
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
            cache.store(refreshed)
        }
        return fastPathOutcome(target: target, stages: stages, nodes: nodes, record: refreshed, key: key)
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

    /// Every node's fingerprint, in `nodes` order (nil: none, observe instead), taken on up to
    /// four threads: a fingerprint is mostly `fstatat` calls, which run in parallel in the kernel.
    func fingerprints(_ nodes: [Fleet.Node]) -> [String?] {
        let lanes = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount, nodes.count))
        guard lanes > 1 else { return nodes.map { observer.fingerprint($0) } }
        let results = FingerprintResults(observer: observer, nodes: nodes, lanes: lanes)
        DispatchQueue.concurrentPerform(iterations: lanes, execute: results.run(lane:))
        return results.values
    }
}

/// The lanes of `PlanBuilder.fingerprints`: lane `i` fingerprints nodes `i`, `i + lanes`, …
/// and hands its results in under a lock.
private final class FingerprintResults: @unchecked Sendable {
    private let observer: any NodeObserver
    private let nodes: [Fleet.Node]
    private let lanes: Int
    private let lock = NSLock()
    private var storage: [String?]

    init(observer: any NodeObserver, nodes: [Fleet.Node], lanes: Int) {
        self.observer = observer
        self.nodes = nodes
        self.lanes = lanes
        storage = Array(repeating: nil, count: nodes.count)
    }

    @Sendable func run(lane: Int) {
        var prints: [(Int, String?)] = []
        for index in stride(from: lane, to: nodes.count, by: lanes) {
            prints.append((index, observer.fingerprint(nodes[index])))
        }
        lock.lock()
        defer { lock.unlock() }
        for (index, print) in prints { storage[index] = print }
    }

    var values: [String?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
