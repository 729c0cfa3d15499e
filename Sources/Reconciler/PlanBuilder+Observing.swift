import Executors
import PlaneModel
import Planning

extension PlanBuilder {
    /// What observing some nodes found: each node's fingerprint (taken first, so a change after
    /// it shows as a different fingerprint next time), its observation, and the nodes that could
    /// not be observed.
    typealias FleetObservation = (
        fingerprints: [String: String], observations: [String: NodeObservation], unreachable: [UnreachableNode]
    )

    /// Nodes observed before the desired state is read, and the work observing them.
    struct EarlyObservation {
        var nodes: [Fleet.Node]
        var work: BackgroundWork<FleetObservation>
    }

    /// Starts observing, before anything is read from git, the nodes the fleet facts select
    /// whose observation only reads a local folder (directory nodes): reading the desired state
    /// from git runs on one core and leaves the other idle, so these nodes are observed on one
    /// thread too (with two, reading 10,000 loose objects took ~370 ms instead of ~300). Nodes
    /// observed through a program (podman, systemctl, kubectl) wait for the desired state to be
    /// valid, so an invalid commit runs none of them. Nil when there is no such node, or the
    /// facts cannot select (the full pipeline reports why).
    func observeEarly(_ run: PreparedRun) -> EarlyObservation? {
        guard let selected = try? selectedNodes(run.fleet.nodes, run.filter, planned: run.stages) else { return nil }
        let local = selected.filter(Self.observesLocalFolder)
        guard !local.isEmpty else { return nil }
        return EarlyObservation(nodes: local, work: startObserving(local, onOneThread: true))
    }

    /// Observing every node of `nodes` (the validated fleet's selection): the early work when
    /// it observed exactly these nodes' local folders, the others started now. Were the fleet
    /// facts to name other folders than the validated fleet (a tampered state directory),
    /// every node is observed again.
    func observeRest(_ nodes: [Fleet.Node], early: EarlyObservation?) -> FleetObserving {
        if let early, Self.sameObservedNodes(early.nodes, nodes.filter(Self.observesLocalFolder)) {
            let rest = nodes.filter { !Self.observesLocalFolder($0) }
            return FleetObserving(order: nodes, parts: [early.work] + (rest.isEmpty ? [] : [startObserving(rest)]))
        }
        return FleetObserving(order: nodes, parts: [startObserving(nodes)])
    }

    static func observesLocalFolder(_ node: Fleet.Node) -> Bool {
        node.executor.kind == .directory
    }

    /// Fingerprints and observes `nodes` on another thread, several at once unless
    /// `onOneThread` (a directory node in one walk). Directory nodes are read without hashing
    /// their files; once rendering is done, a file identical to what was rendered for it
    /// borrows that digest and any other is hashed (`ObservedDigests`). A node that cannot be
    /// observed is recorded and left out of the plan, and the others are still planned.
    func startObserving(_ nodes: [Fleet.Node], onOneThread: Bool = false) -> BackgroundWork<FleetObservation> {
        let deferred = Self.deferredNodes(nodes)
        return BackgroundWork {
            let observe = { @Sendable (node: Fleet.Node) in
                Result { () throws(ReconcileError) in
                    try observer.observeAndFingerprint(node, deferringDigests: deferred.contains(node.name))
                }
            }
            let results = onOneThread ? nodes.map(observe) : nodes.concurrentMap(minimumCount: 8, observe)
            var found: FleetObservation = ([:], [:], [])
            for (node, result) in zip(nodes, results) {
                switch result {
                case .success(let (observation, print)):
                    found.observations[node.name] = observation
                    if let print { found.fingerprints[node.name] = print }
                case .failure(let error):
                    found.unreachable.append(
                        UnreachableNode(node: node.name, message: error.description, retryable: error.isRetryable))
                }
            }
            return found
        }
    }

    /// The nodes observed with their file digests deferred: those whose files are read from a
    /// local folder.
    static func deferredNodes(_ nodes: [Fleet.Node]) -> Set<String> {
        Set(nodes.filter(observesLocalFolder).map(\.name))
    }

    /// Whether observing `a` and `b` is the same work: the same nodes by name, stage and
    /// executor, in the same order (what an observer reads of a node).
    static func sameObservedNodes(_ a: [Fleet.Node], _ b: [Fleet.Node]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { $0.name == $1.name && $0.stage == $1.stage && $0.executor == $1.executor }
    }
}

/// The observation of every selected node, from one or two pieces of background work.
struct FleetObserving {
    /// The selected nodes, in the order unreachable nodes are reported.
    let order: [Fleet.Node]
    let parts: [BackgroundWork<PlanBuilder.FleetObservation>]

    /// Blocks until every part is done; their findings together.
    func wait() -> PlanBuilder.FleetObservation {
        guard parts.count > 1 else { return parts.first?.wait() ?? ([:], [:], []) }
        var all: PlanBuilder.FleetObservation = ([:], [:], [])
        for part in parts {
            let found = part.wait()
            all.fingerprints.merge(found.fingerprints) { a, _ in a }
            all.observations.merge(found.observations) { a, _ in a }
            all.unreachable += found.unreachable
        }
        let position = Dictionary(order.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        all.unreachable.sort { (position[$0.node] ?? 0) < (position[$1.node] ?? 0) }
        return all
    }

    /// Lets go of what was observed (every file read) on another thread; `wait()` must not be
    /// called after.
    func discard() {
        for part in parts { part.discard() }
    }
}
