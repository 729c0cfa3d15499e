import Executors
import PlaneModel

/// Observes what agentplane owns on a node. The reconciler gets one injected, so its tests can
/// observe fakes and the CLI observes through the real executors.
public protocol NodeObserver: Sendable {
    func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation
    /// `observe(_:)`, leaving out the actual digests of the files it keeps whole, for
    /// `ObservedDigests.settle` to fill in.
    func observe(_ node: Fleet.Node, deferringDigests: Bool) throws(ReconcileError) -> NodeObservation
    /// A cheap fingerprint of what observing the node would read (nil: none; observe instead).
    func fingerprint(_ node: Fleet.Node) -> String?
    /// `fingerprint(_:)`, then `observe(_:deferringDigests:)`, in one go where the executor can.
    func observeAndFingerprint(_ node: Fleet.Node, deferringDigests: Bool) throws(ReconcileError)
        -> (observation: NodeObservation, fingerprint: String?)
}

extension NodeObserver {
    public func observe(_ node: Fleet.Node, deferringDigests: Bool) throws(ReconcileError) -> NodeObservation {
        try observe(node)
    }

    public func fingerprint(_ node: Fleet.Node) -> String? { nil }

    public func observeAndFingerprint(_ node: Fleet.Node, deferringDigests: Bool) throws(ReconcileError)
        -> (observation: NodeObservation, fingerprint: String?)
    {
        let print = fingerprint(node)
        return (try observe(node, deferringDigests: deferringDigests), print)
    }
}
