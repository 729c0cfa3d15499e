/// One object agentplane owns on a node, as the node's executor found it.
///
/// Only objects carrying agentplane's ownership marker are ever observed; anything else on the
/// node is not ours and is never planned against.
public struct ObservedObject: Hashable, Sendable {
    /// The same relative path the renderer gives the object (`web.container`, `web/deployment.yaml`).
    public var path: String
    /// The content digest the object claims (its `agentplane.dev/digest` label, annotation or header).
    public var claimedDigest: String?
    /// The digest of the content as it really is, where the executor can compute it (files);
    /// nil where it cannot (a live pod). A value different from `claimedDigest` is drift.
    public var actualDigest: String?
    /// The object's current bytes where the executor can read them, for the diff a reader sees.
    public var content: [UInt8]?
    /// Runtime state where the executor knows it (`active`, `running`, `exited`…).
    public var state: String?

    public init(
        path: String, claimedDigest: String?, actualDigest: String? = nil, content: [UInt8]? = nil,
        state: String? = nil
    ) {
        self.path = path
        self.claimedDigest = claimedDigest
        self.actualDigest = actualDigest
        self.content = content
        self.state = state
    }

    /// True when the object was edited by hand after agentplane wrote it.
    public var drifted: Bool {
        guard let actualDigest else { return false }
        return actualDigest != claimedDigest
    }
}

/// Everything agentplane owns on one node, sorted by path.
public struct NodeObservation: Hashable, Sendable {
    public var node: String
    public var objects: [ObservedObject]

    public init(node: String, objects: [ObservedObject]) {
        self.node = node
        self.objects = objects.sorted { $0.path < $1.path }
    }
}
