import PlaneModel

/// What agentplane needs from a node's runtime: observe what it runs (and, next, apply a change).
///
/// One executor serves one node. `observe()` returns only objects that carry agentplane's
/// ownership marker (a unit file's header, a manifest's or a pod's `agentplane.dev/managed-by`
/// label); everything else on the node is not ours and never appears.
///
/// Apply joins this protocol once every executor has it, as
/// `func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError)`:
/// one change of a node's plan, before `deadline` (now + the bundle's `maxRunSeconds`),
/// touching only objects the executor owns, idempotent so a rerun after a crash converges.
/// `DirectoryExecutor` has it already (`DirectoryExecutor+Apply.swift`).
public protocol Executor: Sendable {
    /// The node this executor reaches.
    var node: Fleet.Node { get }

    /// Everything agentplane owns on the node, with claimed and (for files) actual digests.
    func observe() throws(ExecutorError) -> NodeObservation
}
