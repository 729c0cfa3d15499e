import PlaneModel
import Reconciler

/// Observes nodes through their executors. (Wired to the Executors module as soon as it lands.)
struct ExecutorObserver: NodeObserver {
    var stateDirectory: String
    var environment: [String: String]

    func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation {
        throw .observe(node: node.name, message: "executors are not wired yet", retryable: false)
    }
}
