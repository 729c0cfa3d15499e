/// What a reconcile run is asked to do.
public struct ReconcileRequest: Sendable {
    /// A local repository (work tree or bare).
    public var repositoryPath: String
    /// The ref to reconcile (branch, tag or commit); nil means HEAD.
    public var ref: String?
    /// Only these nodes (empty: every node).
    public var nodes: [String]
    /// The state directory (fast-path records, and the base of relative directory-executor paths).
    public var stateDirectory: String

    /// When set, every stage reconciles this revision (rollback), ignoring stage pointers.
    public var pinnedRevision: String?
    /// With `--require-signed`: every revision reconciled must be a commit signed by a key in
    /// this allowed-signers file.
    public var allowedSigners: String?
    /// Whether the run will record evidence, so the plan must carry the SHA-256 of every file
    /// validated and every object rendered. A dry-run records nothing and skips that hashing.
    public var recordsEvidence = true
    /// Why this run happens, recorded in its evidence (e.g. "rollback of prod-1 to abc123").
    public var reason: String?

    public init(repositoryPath: String, ref: String? = nil, nodes: [String] = [], stateDirectory: String) {
        self.repositoryPath = repositoryPath
        self.ref = ref
        self.nodes = nodes
        self.stateDirectory = stateDirectory
    }
}
