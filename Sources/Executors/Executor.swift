import PlaneModel
import Planning

/// What agentplane needs from a node's runtime: observe what it runs, apply one change of the
/// node's plan, settle the node after its changes, and run a smoke check in a pod.
///
/// One executor serves one node. `observe()` returns only objects that carry agentplane's
/// ownership marker (a unit file's header, a manifest's or a pod's `agentplane.dev/managed-by`
/// label); everything else on the node is not ours and never appears, and is never changed.
///
/// Every call that changes or runs something takes a `deadline` (now + the bundle's
/// `maxRunSeconds`, or the smoke check's timeout): each program it runs gets the time left as
/// its timeout, and a call whose deadline has passed fails with `deadlineExceeded` (retryable)
/// before it touches anything. Errors keep their retryable / terminal classification.
///
/// Calls are idempotent, so a rerun after a crash (`kill -9` anywhere) converges: writing bytes
/// a file already holds, playing a manifest that is already played, deleting what is already
/// gone, all succeed.
public protocol Executor: Sendable {
    /// The node this executor reaches.
    var node: Fleet.Node { get }

    /// Everything agentplane owns on the node, with claimed and (for files) actual digests.
    func observe() throws(ExecutorError) -> NodeObservation

    /// `observe()`, leaving out the actual digest of each file it keeps whole, for
    /// `ObservedDigests.settle` to fill in. Executors that do not read files observe as always.
    func observe(deferringDigests: Bool) throws(ExecutorError) -> NodeObservation

    /// A cheap fingerprint of what `observe()` reads, or nil (see the extension's default).
    func fingerprint() throws(ExecutorError) -> String?

    /// `fingerprint()` (nil where it fails), then `observe(deferringDigests:)`: executors that
    /// read files do both in one walk.
    func observeAndFingerprint(deferringDigests: Bool) throws(ExecutorError) -> (observation: NodeObservation, fingerprint: String?)

    /// Applies one change (create, update or delete one object) before `deadline`, touching only
    /// objects agentplane owns.
    func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError)

    /// Called once after a node's changes were applied, with the changes that succeeded, in
    /// plan order: reloads and (re)starts what they touched and waits, until `deadline` at the
    /// latest, until the node runs it (or reports why it does not).
    func settle(_ changes: [Change], deadline: ContinuousClock.Instant) throws(ExecutorError)

    /// Runs `argv` in `container` of `pod` (nil: the pod's first or default container; on a
    /// directory node, on the control host in the node's folder) before `deadline`
    /// and returns how it ended. A non-zero exit is a result, not an error: errors are kept for
    /// commands that could not run at all, ran out of time or printed too much.
    func exec(pod: String, container: String?, argv: [String], deadline: ContinuousClock.Instant)
        throws(ExecutorError) -> SubprocessResult
}

extension Executor {
    public func observe(deferringDigests: Bool) throws(ExecutorError) -> NodeObservation {
        try observe()
    }

    /// A cheap fingerprint of everything `observe()` would read, or nil when the executor has
    /// none (a live runtime must be asked). Equal fingerprints mean an earlier observation still
    /// holds, so the reconciler's fast path can skip reading the node.
    public func fingerprint() throws(ExecutorError) -> String? { nil }

    public func observeAndFingerprint(deferringDigests: Bool) throws(ExecutorError) -> (observation: NodeObservation, fingerprint: String?) {
        let print = (try? fingerprint()) ?? nil
        return (try observe(deferringDigests: deferringDigests), print)
    }
}
