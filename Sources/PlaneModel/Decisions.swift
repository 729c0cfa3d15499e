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
