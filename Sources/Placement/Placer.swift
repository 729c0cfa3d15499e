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
///
/// The constraints that do not depend on capacity are worked out once per placement shape
/// (pods asking the same of a node), so a stage of a thousand nodes costs a capacity check and
/// a score per node and pod, and the losers are kept as groups of node runs.
public struct Placer: Sendable {
    public var fleet: Fleet

    public init(fleet: Fleet) {
        self.fleet = fleet
    }

    /// Places `pods` (already admitted) on the nodes of `stage`, in pod-name order.
    public func place(_ pods: [AgentPod], stage: String) -> [PlacementDecision] {
        place(pods, stage: stage) { _ in }
    }

    /// `place(_:stage:)`, handing each decision to `decided` as soon as it is made, in order:
    /// the caller can render placed pods while the rest are still being placed.
    public func place(
        _ pods: [AgentPod], stage: String, decided: (PlacementDecision) -> Void
    ) -> [PlacementDecision] {
        let nodes = fleet.nodes.filter { $0.stage == stage }.sorted { $0.name < $1.name }
        let names = nodes.map(\.name)
        var remaining = nodes.map { RemainingCapacity($0.capacity) }
        var placedCount = [Int](repeating: 0, count: nodes.count)
        var verdicts: [PlacementShape: StaticVerdicts] = [:]
        var bonuses: [Scoring.BonusKey: [Int]] = [:]
        // Per node, reused for every pod: its score, and whether it fits at all.
        var scores = [Int](repeating: 0, count: nodes.count)
        var fits = [Bool](repeating: false, count: nodes.count)
        var decisions: [PlacementDecision] = []
        decisions.reserveCapacity(pods.count)
        for pod in pods.sorted(by: { $0.name < $1.name }) {
            let shape = PlacementShape(pod)
            let fixed = verdicts[shape] ?? StaticVerdicts(pod: pod, nodes: nodes)
            verdicts[shape] = fixed
            let bonusKey = Scoring.BonusKey(pod)
            let bonus = bonuses[bonusKey] ?? nodes.map { Scoring.bonus(pod: pod, node: $0) }
            bonuses[bonusKey] = bonus

            let demand = pod.demand
            var short = ShortGroups()
            var best = -1
            var bestScore = Int.min
            // Capacity is checked on every node, so a loser names each constraint it fails. This
            // loop runs nodes × pods times: plain buffers, no per-element checks or copies.
            fits.withUnsafeMutableBufferPointer { fits in
                scores.withUnsafeMutableBufferPointer { scores in
                    remaining.withUnsafeBufferPointer { remaining in
                        for index in 0..<fits.count {
                            let shortfall = remaining[index].shortfall(for: demand)
                            let fit = shortfall.isEmpty && fixed.eligible[index]
                            fits[index] = fit
                            if !shortfall.isEmpty { short.add(index, shortfall, remaining[index]) }
                            guard fit else { continue }
                            let score = bonus[index] &- Scoring.spreadPenalty &* placedCount[index]
                            scores[index] = score
                            if score > bestScore {
                                best = index
                                bestScore = score
                            }
                        }
                    }
                }
            }
            let winner = best >= 0 ? (index: best, score: bestScore) : nil
            var losses = fixed.losses + short.losses(demand: demand, names: names)
            if let winner {
                losses += ScoreGroups(fits: fits, scores: scores, winner: winner).losses(names: names)
            }
            losses.sort { a, b in
                if a.loss.count != b.loss.count { return a.loss.count > b.loss.count }
                return a.firstIndex != b.firstIndex ? a.firstIndex < b.firstIndex : a.loss.reason < b.loss.reason
            }

            var decision = PlacementDecision(pod: pod.name, stage: stage, node: nil, losers: losses.map(\.loss))
            if let winner {
                (decision.score, decision.scoreNotes) = Scoring.score(
                    pod: pod, node: nodes[winner.index], alreadyPlaced: placedCount[winner.index])
                decision.node = names[winner.index]
                remaining[winner.index].subtract(demand)
                placedCount[winner.index] += 1
            }
            decided(decision)
            decisions.append(decision)
        }
        return decisions
    }
}

/// Nodes that lack capacity, one group per dimension (every node of the stage is checked, so a
/// node that also fails a fixed constraint is named here too).
private struct ShortGroups {
    private var groups: [(dimension: Shortfall, runs: RunBuilder, mostLeft: Double)] = []

    mutating func add(_ index: Int, _ shortfall: Shortfall, _ left: RemainingCapacity) {
        for dimension in Shortfall.dimensions where shortfall.contains(dimension) {
            let amount = left.left(dimension)
            if let at = groups.firstIndex(where: { $0.dimension == dimension }) {
                groups[at].runs.add(index)
                groups[at].mostLeft = max(groups[at].mostLeft, amount)
            } else {
                var runs = RunBuilder()
                runs.add(index)
                groups.append((dimension, runs, amount))
            }
        }
    }

    func losses(demand: ResourceDemand, names: [String]) -> [IndexedLoss] {
        groups.sorted { $0.dimension.rawValue < $1.dimension.rawValue }.map { group in
            IndexedLoss(
                reason: group.dimension.reason(demand: demand, mostLeft: group.mostLeft, nodes: group.runs.count),
                runs: group.runs, names: names)
        }
    }
}

/// The eligible nodes that lost, one group per score, collected run by run.
private struct ScoreGroups {
    private var groups: [(score: Int, runs: RunBuilder)] = []
    private let winner: (index: Int, score: Int)

    init(fits: [Bool], scores: [Int], winner: (index: Int, score: Int)) {
        self.winner = winner
        var index = 0
        while index < fits.count {
            guard fits[index], index != winner.index else {
                index += 1
                continue
            }
            let score = scores[index]
            var last = index
            while last + 1 < fits.count, fits[last + 1], last + 1 != winner.index, scores[last + 1] == score { last += 1 }
            // Few distinct scores per pod: a short linear search beats hashing.
            if let at = groups.firstIndex(where: { $0.score == score }) {
                groups[at].runs.add(index...last)
            } else {
                var runs = RunBuilder()
                runs.add(index...last)
                groups.append((score, runs))
            }
            index = last + 1
        }
    }

    /// The groups, best score first.
    func losses(names: [String]) -> [IndexedLoss] {
        groups.sorted { $0.score > $1.score }.map { group in
            let reason =
                group.score == winner.score
                ? "same score \(group.score); the chosen node comes first by name"
                : "lower score \(group.score) (the chosen node has \(winner.score))"
            return IndexedLoss(reason: reason, runs: group.runs, names: names)
        }
    }
}
