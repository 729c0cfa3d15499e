/// The process exit codes agentplane uses. Scripts and CI depend on these.
public enum ExitCode: Int32, Sendable {
    /// Valid / in sync / done.
    case success = 0
    /// Invalid input, a failed run, or an error.
    case failure = 1
    /// `reconcile --dry-run` found changes pending.
    case changesPending = 2
    /// The command line itself is wrong (EX_USAGE).
    case usage = 64
}
