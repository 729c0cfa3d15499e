import PlaneModel

/// The `directory` executor: rendered files in a local folder (the embedded default, and the
/// way to inspect or hand over what agentplane would run).
///
/// Observe walks the folder (relative paths resolve against the state directory) and returns
/// every Quadlet unit that opens with agentplane's header and every YAML manifest whose
/// metadata carries `agentplane.dev/managed-by: agentplane`, each with the digest it claims and
/// the digest of what it really holds. Anything else in the folder is not ours.
public struct DirectoryExecutor: Executor {
    public let node: Fleet.Node
    /// The node's folder, absolute.
    public let folder: String
    /// Where smoke-check commands are looked up and with which environment they run.
    let environment: ExecutorEnvironment

    public init(node: Fleet.Node, folder: String, environment: ExecutorEnvironment? = nil) {
        self.node = node
        self.folder = folder
        self.environment = environment ?? ExecutorEnvironment(stateDirectory: folder)
    }

    public func observe() throws(ExecutorError) -> NodeObservation {
        try observe(deferringDigests: false)
    }

    public func observe(deferringDigests: Bool) throws(ExecutorError) -> NodeObservation {
        NodeObservation(node: node.name, objects: try scanner(deferringDigests: deferringDigests).scan())
    }

    /// The folder's `lstat` fingerprint (see `FileSystem.fingerprint`).
    public func fingerprint() throws(ExecutorError) -> String? {
        try FileSystem.fingerprint(root: folder, maximumDepth: ManagedTreeScanner.maximumDepth)
    }

    /// Observes and fingerprints the folder in one walk (see `TreeWalk`).
    public func observeAndFingerprint(deferringDigests: Bool) throws(ExecutorError) -> (observation: NodeObservation, fingerprint: String?) {
        let (objects, print) = try scanner(deferringDigests: deferringDigests).scanAndFingerprint()
        return (NodeObservation(node: node.name, objects: objects), print)
    }

    private func scanner(deferringDigests: Bool) -> ManagedTreeScanner {
        ManagedTreeScanner(root: folder, recursive: true, formats: [.unit, .manifest], deferDigests: deferringDigests)
    }

    /// The node's folder as a store of owned files: units and manifests, in subfolders too.
    var files: ManagedFileStore {
        ManagedFileStore(root: folder, formats: [.unit, .manifest], allowsFolders: true)
    }
}
