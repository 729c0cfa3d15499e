import PlaneModel

/// The soft preferences of placement, as a score with its explanation.
enum Scoring {
    static let residentModelBonus = 100
    static let cacheTierBonus = 20
    static let spreadPenalty = 10

    /// The terms of the score that do not depend on what is already placed, each with its note.
    static func bonusTerms(pod: AgentPod, node: Fleet.Node) -> [(points: Int, note: String)] {
        var terms: [(points: Int, note: String)] = []
        if let model = pod.spec.model, model.residency != .none, node.residentModels.contains(model.id) {
            terms.append((residentModelBonus, "model \(model.id) resident +\(residentModelBonus)"))
        }
        if pod.spec.volumes.contains(where: { $0.tier == .nvme }), node.capabilities.contains("nvme") {
            terms.append((cacheTierBonus, "nvme cache tier +\(cacheTierBonus)"))
        }
        return terms
    }

    /// The part of the score that does not depend on what is already placed.
    static func bonus(pod: AgentPod, node: Fleet.Node) -> Int {
        bonusTerms(pod: pod, node: node).reduce(0) { $0 + $1.points }
    }

    /// The whole score of `node` for `pod` with `alreadyPlaced` pods on it, and how it was made up.
    static func score(pod: AgentPod, node: Fleet.Node, alreadyPlaced: Int) -> (Int, [String]) {
        let terms = bonusTerms(pod: pod, node: node)
        var score = terms.reduce(0) { $0 + $1.points }
        var notes = terms.map(\.note)
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
