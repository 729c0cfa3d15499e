/// Whether a pod may run, and every reason it may not (admission; deny wins).
public struct ActivationDecision: Hashable, Sendable {
    public var pod: String
    public var profile: String
    public var bundle: String
    /// Every reason the pod was denied; empty means allowed.
    public var denials: [Denial]

    public init(pod: String, profile: String, bundle: String, denials: [Denial] = []) {
        self.pod = pod
        self.profile = profile
        self.bundle = bundle
        self.denials = denials
    }

    public var allowed: Bool { denials.isEmpty }

    /// One policy rule a pod breaks.
    public struct Denial: Hashable, Sendable {
        /// A stable rule code, e.g. `registry`, `network`, `budget.cpu`.
        public var rule: String
        /// JSON pointer into the AgentPod that breaks the rule.
        public var pointer: String
        public var message: String

        public init(rule: String, pointer: String, message: String) {
            self.rule = rule
            self.pointer = pointer
            self.message = message
        }
    }
}

/// Where a pod was placed, and why every other node of its stage lost.
public struct PlacementDecision: Hashable, Sendable {
    public var pod: String
    public var stage: String
    /// The chosen node, or nil when no node fits (the pod is unplaceable).
    public var node: String?
    /// Every node of the stage, in name order, with its verdict.
    public var candidates: [Candidate]

    public init(pod: String, stage: String, node: String?, candidates: [Candidate]) {
        self.pod = pod
        self.stage = stage
        self.node = node
        self.candidates = candidates
    }

    public var placed: Bool { node != nil }

    public struct Candidate: Hashable, Sendable {
        public var node: String
        /// Hard constraints the node fails; empty means it was eligible.
        public var rejections: [String]
        /// The score of an eligible node (higher wins); 0 for rejected nodes.
        public var score: Int
        /// How the score was made up, for the reader: `resident model +100`, `spread -20`.
        public var scoreNotes: [String]

        public init(node: String, rejections: [String] = [], score: Int = 0, scoreNotes: [String] = []) {
            self.node = node
            self.rejections = rejections
            self.score = score
            self.scoreNotes = scoreNotes
        }

        public var eligible: Bool { rejections.isEmpty }
    }
}
