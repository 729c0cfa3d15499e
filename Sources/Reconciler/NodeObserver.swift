import PlaneModel

/// Observes what agentplane owns on a node. The reconciler gets one injected, so its tests can
/// observe fakes and the CLI observes through the real executors.
public protocol NodeObserver: Sendable {
    func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation
}
