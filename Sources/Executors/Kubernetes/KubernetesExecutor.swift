import PlaneModel
import Rendering

/// The `kubernetes` executor: manifests applied to a cluster with kubectl, in one namespace.
///
/// Observe runs `kubectl [--context C] -n NS get deployments,jobs,serviceaccounts,
/// networkpolicies,persistentvolumeclaims -l agentplane.dev/managed-by=agentplane -o json` and
/// maps each item back to its object path (see `KubectlListing`). The claimed digest is the
/// `agentplane.dev/digest` annotation; a live object has no file, so the actual digest is nil.
public struct KubernetesExecutor: Executor {
    public let node: Fleet.Node
    /// The kubeconfig context, or nil for the current one.
    public let context: String?
    public let namespace: String
    let environment: ExecutorEnvironment

    public init(node: Fleet.Node, context: String?, namespace: String, environment: ExecutorEnvironment) {
        self.node = node
        self.context = context
        self.namespace = namespace
        self.environment = environment
    }

    /// The label selector of every listing.
    static let selector = "\(OwnershipLabel.managedBy)=\(OwnershipLabel.managedByValue)"

    public func observe() throws(ExecutorError) -> NodeObservation {
        let arguments = ["get", KubectlListing.resourceTypes, "-l", Self.selector, "-o", "json"]
        let result = try kubectl(arguments)
        return NodeObservation(node: node.name, objects: try KubectlListing.objects(result.stdout, limit: environment.outputLimit))
    }

    /// `kubectl [--context C] -n NS arguments…`, checked (the observe timeout unless one is given).
    func kubectl(_ arguments: [String], stdin: [UInt8] = [], timeoutSeconds: Double? = nil) throws(ExecutorError)
        -> SubprocessResult
    {
        try kubectlCommand(arguments, stdin: stdin, timeoutSeconds: timeoutSeconds).runChecked()
    }

    /// The subprocess `kubectl [--context C] -n NS arguments…`.
    func kubectlCommand(_ arguments: [String], stdin: [UInt8] = [], timeoutSeconds: Double? = nil) throws(ExecutorError)
        -> Subprocess
    {
        var global: [String] = []
        if let context { global += ["--context", context] }
        global += ["-n", namespace]
        return try environment.subprocess("kubectl", global + arguments, stdin: stdin, timeoutSeconds: timeoutSeconds)
    }
}
