import Executors
import PlaneModel

/// Observes nodes through their real executors (directory, quadlet, podman, kubernetes).
public struct ExecutorObserver: NodeObserver {
    public var environment: ExecutorEnvironment

    public init(environment: ExecutorEnvironment) {
        self.environment = environment
    }

    public func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation {
        do {
            return try Executors.make(for: node, environment: environment).observe()
        } catch {
            throw .observe(node: node.name, message: error.description, retryable: error.isRetryable)
        }
    }
}
