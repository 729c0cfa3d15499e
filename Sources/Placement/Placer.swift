import PlaneModel

/// Places pods on the nodes of one stage: hard constraints first, then a score, ties broken by
/// node name, so the same inputs always give the same placement.
///
/// Hard constraints: the runtime the pod asks for is the node's executor, the node selector
/// matches the node's labels, the node offers every required capability, the node allows the
/// pod's profile, a model with residency `required` is resident, and the remaining capacity
/// (cpu, memory, gpu, disk) covers the pod. Score: +100 when a `preferred` model is resident,
/// +20 when the pod has an nvme volume and the node the `nvme` capability, −10 per pod already
/// placed on the node (spread).
public struct Placer: Sendable {
    public var fleet: Fleet

    public init(fleet: Fleet) {
        self.fleet = fleet
    }

    /// Places `pods` (already admitted) on the nodes of `stage`, in pod-name order.
    public func place(_ pods: [AgentPod], stage: String) -> [PlacementDecision] {
        let nodes = fleet.nodes.filter { $0.stage == stage }.sorted { $0.name < $1.name }
        var remaining = Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, RemainingCapacity($0.capacity)) })
        var placedCount: [String: Int] = [:]
        var decisions: [PlacementDecision] = []
        for pod in pods.sorted(by: { $0.name < $1.name }) {
            let demand = pod.demand
            var candidates: [PlacementDecision.Candidate] = []
            for node in nodes {
                var rejections = Constraints.rejections(pod: pod, node: node)
                if let left = remaining[node.name] {
                    rejections += left.shortfalls(for: demand)
                }
                if !rejections.isEmpty {
                    candidates.append(.init(node: node.name, rejections: rejections))
                    continue
                }
                let (score, notes) = Scoring.score(pod: pod, node: node, alreadyPlaced: placedCount[node.name] ?? 0)
                candidates.append(.init(node: node.name, score: score, scoreNotes: notes))
            }
            let winner = candidates.filter(\.eligible).max { a, b in
                a.score != b.score ? a.score < b.score : a.node > b.node
            }
            if let winner {
                remaining[winner.node]?.subtract(demand)
                placedCount[winner.node, default: 0] += 1
            }
            decisions.append(PlacementDecision(pod: pod.name, stage: stage, node: winner?.node, candidates: candidates))
        }
        if nodes.isEmpty {
            return decisions.map {
                var d = $0
                d.candidates = []
                return d
            }
        }
        return decisions
    }
}
