/// Where a pod was placed, and why every other node of its stage lost.
///
/// The losers are grouped by reason, the way an operator reads a scheduler's verdict ("812
/// nodes lack capability gpu"), and each group names its nodes as runs of the stage's nodes in
/// name order, so a decision stays small on a stage of a thousand nodes and still names every
/// node.
public struct PlacementDecision: Hashable, Sendable {
    public var pod: String
    public var stage: String
    /// The chosen node, or nil when no node fits (the pod is unplaceable).
    public var node: String?
    /// The chosen node's score (higher wins); 0 when unplaceable.
    public var score: Int
    /// How the chosen node's score was made up, for the reader: `model m resident +100`, `spread -20 (2 pods here)`.
    public var scoreNotes: [String]
    /// Why the other nodes of the stage lost: one group per reason, largest first (ties by first
    /// node). A node that fails several hard constraints is in the group of each.
    public var losers: [Loss]

    public init(pod: String, stage: String, node: String?, score: Int = 0, scoreNotes: [String] = [], losers: [Loss] = []) {
        self.pod = pod
        self.stage = stage
        self.node = node
        self.score = score
        self.scoreNotes = scoreNotes
        self.losers = losers
    }

    public var placed: Bool { node != nil }

    /// One reason, and the nodes it applies to.
    public struct Loss: Hashable, Sendable {
        /// A hard constraint the nodes fail (`lacks capability gpu`), or why eligible nodes
        /// scored lower (`lower score -10 (the chosen node has 0)`).
        public var reason: String
        /// The nodes, as runs of consecutive nodes of the stage in name order.
        public var runs: [NodeRun]
        /// How many nodes the runs cover.
        public var count: Int

        public init(reason: String, runs: [NodeRun], count: Int) {
            self.reason = reason
            self.runs = runs
            self.count = count
        }

        /// A group of the given nodes, each its own run (for callers that have names only).
        public init(reason: String, nodes: [String]) {
            self.init(reason: reason, runs: nodes.map { NodeRun(first: $0, last: $0) }, count: nodes.count)
        }
    }

    /// Consecutive nodes of a stage in name order, from `first` to `last` inclusive; one node
    /// when they are equal.
    public struct NodeRun: Hashable, Sendable {
        public var first: String
        public var last: String

        public init(first: String, last: String) {
            self.first = first
            self.last = last
        }

        /// `node-a`, or `node-a..node-f` (a node name cannot contain `..`).
        public var text: String { first == last ? first : "\(first)..\(last)" }

        /// Reads `text` back.
        public init(text: String) {
            let parts = text.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                self.init(first: String(parts[0]), last: String(parts[1]))
            } else {
                self.init(first: text, last: text)
            }
        }
    }
}
