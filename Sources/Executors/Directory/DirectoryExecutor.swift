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

    public init(node: Fleet.Node, folder: String) {
        self.node = node
        self.folder = folder
    }

    public func observe() throws(ExecutorError) -> NodeObservation {
        let scanner = ManagedTreeScanner(root: folder, recursive: true, formats: [.unit, .manifest])
        return NodeObservation(node: node.name, objects: try scanner.scan())
    }
}
