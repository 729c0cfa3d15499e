import PlaneModel

/// The soft preferences of placement, as a score with its explanation.
enum Scoring {
    static let residentModelBonus = 100
    static let cacheTierBonus = 20
    static let spreadPenalty = 10

    /// The part of the score that does not depend on what is already placed.
    static func bonus(pod: AgentPod, node: Fleet.Node) -> Int {
        var score = 0
        if let model = pod.spec.model, model.residency != .none, node.residentModels.contains(model.id) {
            score += residentModelBonus
        }
        if pod.spec.volumes.contains(where: { $0.tier == .nvme }), node.capabilities.contains("nvme") {
            score += cacheTierBonus
        }
        return score
    }

    /// The whole score of `node` for `pod` with `alreadyPlaced` pods on it, and how it was made up.
    static func score(pod: AgentPod, node: Fleet.Node, alreadyPlaced: Int) -> (Int, [String]) {
        var score = 0
        var notes: [String] = []
        if let model = pod.spec.model, model.residency != .none, node.residentModels.contains(model.id) {
            score += residentModelBonus
            notes.append("model \(model.id) resident +\(residentModelBonus)")
        }
        if pod.spec.volumes.contains(where: { $0.tier == .nvme }), node.capabilities.contains("nvme") {
            score += cacheTierBonus
            notes.append("nvme cache tier +\(cacheTierBonus)")
        }
        if alreadyPlaced > 0 {
            score -= spreadPenalty * alreadyPlaced
            notes.append("spread -\(spreadPenalty * alreadyPlaced) (\(alreadyPlaced) pod\(alreadyPlaced == 1 ? "" : "s") here)")
        }
        return (score, notes)
    }

    /// What the score bonus depends on: pods with the same key get the same bonus on every node.
    struct BonusKey: Hashable {
        var residentModel: String?
        var nvme: Bool

        init(_ pod: AgentPod) {
            if let model = pod.spec.model, model.residency != .none { residentModel = model.id }
            nvme = pod.spec.volumes.contains { $0.tier == .nvme }
        }
    }
}
