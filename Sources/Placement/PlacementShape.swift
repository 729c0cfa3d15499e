import PlaneModel

/// Everything the capacity-independent hard constraints read from a pod. Pods of one shape get
/// the same verdict from every node, so the verdicts are worked out once per shape.
struct PlacementShape: Hashable {
    var runtime: AgentPod.Runtime
    /// The replica count when above one (the message names it), else 1.
    var replicas: Int
    var selector: [String]
    var requires: [String]
    var profile: String
    /// The model that must be resident, if any.
    var requiredModel: String?

    init(_ pod: AgentPod) {
        runtime = pod.spec.placement.runtime
        replicas = max(pod.spec.replicas, 1)
        selector = pod.spec.placement.nodeSelector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        requires = pod.spec.placement.requires.sorted()
        profile = pod.spec.profile
        if let model = pod.spec.model, model.residency == .required { requiredModel = model.id }
    }
}

/// The verdict of the capacity-independent hard constraints on every node of a stage, for one
/// placement shape: the nodes that pass, and the others grouped by reason.
struct StaticVerdicts {
    /// Per node of the stage (in name order): whether it passes.
    var eligible: [Bool]
    /// One group per reason, with the index of its first node.
    var losses: [IndexedLoss]

    init(pod: AgentPod, nodes: [Fleet.Node]) {
        var eligible = [Bool](repeating: false, count: nodes.count)
        var groups: [String: RunBuilder] = [:]
        var order: [String] = []
        for (index, node) in nodes.enumerated() {
            let reasons = Constraints.rejections(pod: pod, node: node)
            if reasons.isEmpty {
                eligible[index] = true
                continue
            }
            for reason in reasons {
                if groups[reason] == nil { order.append(reason) }
                groups[reason, default: RunBuilder()].add(index)
            }
        }
        self.eligible = eligible
        let names = nodes.map(\.name)
        losses = order.compactMap { reason in groups[reason].map { IndexedLoss(reason: reason, runs: $0, names: names) } }
    }
}

/// A loss group that remembers where its first node sits, for ordering.
struct IndexedLoss {
    var loss: PlacementDecision.Loss
    var firstIndex: Int

    init(reason: String, runs: RunBuilder, names: [String]) {
        loss = PlacementDecision.Loss(reason: reason, runs: runs.nodeRuns(names), count: runs.count)
        firstIndex = runs.firstIndex
    }
}

/// Collects node indices, given in ascending order, as runs of consecutive indices.
struct RunBuilder {
    private(set) var runs: [(first: Int, last: Int)] = []
    private(set) var count = 0

    var firstIndex: Int { runs.first?.first ?? 0 }

    mutating func add(_ index: Int) {
        count += 1
        if let last = runs.last, last.last + 1 == index {
            runs[runs.count - 1].last = index
        } else {
            runs.append((index, index))
        }
    }

    /// Adds a run of consecutive indices, after every index added so far.
    mutating func add(_ range: ClosedRange<Int>) {
        count += range.count
        if let last = runs.last, last.last + 1 == range.lowerBound {
            runs[runs.count - 1].last = range.upperBound
        } else {
            runs.append((range.lowerBound, range.upperBound))
        }
    }

    func nodeRuns(_ names: [String]) -> [PlacementDecision.NodeRun] {
        runs.map { PlacementDecision.NodeRun(first: names[$0.first], last: names[$0.last]) }
    }
}
