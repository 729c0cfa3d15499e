import PlaneModel
import Planning

/// What planning produced: the plan, and everything a reader or the evidence needs about how.
public struct PlanOutcome: Sendable {
    public var plan: Plan
    /// Every admission decision of every planned stage (allowed ones too), in stage then pod order.
    public var activations: [ActivationDecision]
    /// Every placement decision of every planned stage.
    public var placements: [PlacementDecision]
    /// Things a reader should know that are not changes ("stage prod: nothing promoted yet").
    public var notes: [String]
    /// Warnings from validation of the revisions read.
    public var warnings: [Diagnostic]
    /// True when the fast path answered (nothing was loaded or rendered).
    public var fastPath: Bool
    /// The run key: agentplane version, tree ids of every stage's revision, the node filter.
    public var key: String
    /// Smoke checks of the placed pods, bound to their nodes.
    public var smoke: [SmokeTarget]
    /// The nodes that were planned (for apply).
    public var nodes: [Fleet.Node]
    /// Every file of the requested revision that was validated, with its SHA-256.
    public var validatedFiles: [String: String]
    /// Per planned node, every object it should run (path → SHA-256 of its bytes).
    public var rendered: [String: [String: String]]
    /// The fleet's stages in promotion order (nil on the fast path).
    public var stages: [String]?
    /// How long each planning stage took (empty on the fast path).
    public var timings = StageTimings()

    public init(
        plan: Plan, activations: [ActivationDecision] = [], placements: [PlacementDecision] = [], notes: [String] = [],
        warnings: [Diagnostic] = [], fastPath: Bool = false, key: String, smoke: [SmokeTarget] = [],
        nodes: [Fleet.Node] = [], validatedFiles: [String: String] = [:], rendered: [String: [String: String]] = [:]
    ) {
        self.plan = plan
        self.activations = activations
        self.placements = placements
        self.notes = notes
        self.warnings = warnings
        self.fastPath = fastPath
        self.key = key
        self.smoke = smoke
        self.nodes = nodes
        self.validatedFiles = validatedFiles
        self.rendered = rendered
    }
}
