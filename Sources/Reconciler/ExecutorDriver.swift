import Executors
import PlaneModel
import Planning

/// Drives nodes through their executors (directory, quadlet, podman, kubernetes): observe,
/// apply one change, settle, exec, all through the `Executor` protocol.
///
/// Each call builds the node's executor (`makeExecutor`, `Executors.make` by default) and turns
/// its `timeout` into a deadline; an `ExecutorError` becomes a `DriverFailure` with the same
/// message and retryable / terminal classification.
public struct ExecutorDriver: NodeDriver {
    public var environment: ExecutorEnvironment
    /// Builds the executor of a node (tests inject fakes here).
    public var makeExecutor: @Sendable (Fleet.Node, ExecutorEnvironment) -> any Executor

    public init(
        environment: ExecutorEnvironment,
        makeExecutor: @escaping @Sendable (Fleet.Node, ExecutorEnvironment) -> any Executor = { node, environment in
            Executors.make(for: node, environment: environment)
        }
    ) {
        self.environment = environment
        self.makeExecutor = makeExecutor
    }

    public func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation {
        try observe(node, deferringDigests: false)
    }

    public func observe(_ node: Fleet.Node, deferringDigests: Bool) throws(ReconcileError) -> NodeObservation {
        do {
            return try makeExecutor(node, environment).observe(deferringDigests: deferringDigests)
        } catch {
            throw .observe(node: node.name, message: error.description, retryable: error.isRetryable)
        }
    }

    public func fingerprint(_ node: Fleet.Node) -> String? {
        (try? makeExecutor(node, environment).fingerprint()) ?? nil
    }

    public func observeAndFingerprint(_ node: Fleet.Node, deferringDigests: Bool) throws(ReconcileError)
        -> (observation: NodeObservation, fingerprint: String?)
    {
        do {
            return try makeExecutor(node, environment).observeAndFingerprint(deferringDigests: deferringDigests)
        } catch {
            throw .observe(node: node.name, message: error.description, retryable: error.isRetryable)
        }
    }

    public func apply(_ change: Change, on node: Fleet.Node, timeout: Double) throws(DriverFailure) {
        let executor = makeExecutor(node, environment)
        do {
            try executor.apply(change, deadline: Self.deadline(timeout))
        } catch {
            throw DriverFailure(message: error.description, retryable: error.isRetryable)
        }
    }

    public func settle(_ changes: [Change], on node: Fleet.Node, timeout: Double) throws(DriverFailure) {
        let executor = makeExecutor(node, environment)
        do {
            try executor.settle(changes, deadline: Self.deadline(timeout))
        } catch {
            throw DriverFailure(message: error.description, retryable: error.isRetryable)
        }
    }

    /// The command's exit status and its output (stdout, then stderr). A non-zero exit is a
    /// result; a command that could not run or ran out of time is a `DriverFailure`.
    public func exec(pod: String, container: String?, argv: [String], on node: Fleet.Node, timeout: Double)
        throws(DriverFailure) -> ExecResult
    {
        let executor = makeExecutor(node, environment)
        do {
            let result = try executor.exec(pod: pod, container: container, argv: argv, deadline: Self.deadline(timeout))
            return ExecResult(status: result.status, output: result.stdoutText + result.stderrText)
        } catch {
            throw DriverFailure(message: error.description, retryable: error.isRetryable)
        }
    }

    /// Now + `timeout` seconds (clamped to 0…10⁹ s; NaN counts as 0).
    static func deadline(_ timeout: Double) -> ContinuousClock.Instant {
        let seconds = timeout.isNaN ? 0 : min(max(timeout, 0), 1e9)
        return .now + .milliseconds(Int64((seconds * 1_000).rounded(.up)))
    }
}
