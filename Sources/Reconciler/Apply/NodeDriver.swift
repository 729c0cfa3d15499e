import PlaneModel
import Planning

/// What apply needs from a node's executor: observe, change one object, settle the node after
/// its changes (reload, start, restart, stop), and run a smoke check inside a pod.
public protocol NodeDriver: NodeObserver {
    /// Applies one change (write or delete one object) within `timeout` seconds.
    func apply(_ change: Change, on node: Fleet.Node, timeout: Double) throws(DriverFailure)
    /// After a node's changes: reload and (re)start or stop what they touched, and wait (bounded)
    /// until the node runs them.
    func settle(_ changes: [Change], on node: Fleet.Node, timeout: Double) throws(DriverFailure)
    /// Runs `argv` in `container` of `pod` (directory nodes: in the node's folder).
    func exec(pod: String, container: String?, argv: [String], on node: Fleet.Node, timeout: Double) throws(DriverFailure)
        -> ExecResult
}

/// A failed executor call, classified for retry.
public struct DriverFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var retryable: Bool

    public init(message: String, retryable: Bool) {
        self.message = message
        self.retryable = retryable
    }

    public var description: String { message }
}

/// The outcome of running a command in a container.
public struct ExecResult: Hashable, Sendable {
    public var status: Int32
    public var output: String

    public init(status: Int32, output: String) {
        self.status = status
        self.output = output
    }
}
