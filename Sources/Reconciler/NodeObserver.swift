import Executors
import PlaneModel

/// Observes what agentplane owns on a node. The reconciler gets one injected, so its tests can
/// observe fakes and the CLI observes through the real executors.
public protocol NodeObserver: Sendable {
    func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation
    /// `observe(_:)`, borrowing the digest of a file whose bytes equal a `known` entry for its
    /// path instead of hashing it (see `KnownContent`).
    func observe(_ node: Fleet.Node, knowing known: [String: KnownContent]) throws(ReconcileError) -> NodeObservation
    /// A cheap fingerprint of what observing the node would read (nil: none; observe instead).
    func fingerprint(_ node: Fleet.Node) -> String?
}

extension NodeObserver {
    public func observe(_ node: Fleet.Node, knowing known: [String: KnownContent]) throws(ReconcileError) -> NodeObservation {
        try observe(node)
    }

    public func fingerprint(_ node: Fleet.Node) -> String? { nil }
}
