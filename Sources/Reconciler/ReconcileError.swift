import GitKit
import PlaneModel

/// Why a reconcile could not produce a plan. All terminal for this revision except where
/// `isRetryable` says otherwise (a remote that is down, a lock).
public enum ReconcileError: Error, Sendable, CustomStringConvertible {
    /// The repository, a ref or an object could not be read.
    case git(GitError)
    /// The desired state at `revision` is invalid; every diagnostic is included.
    case invalid(revision: String, diagnostics: [Diagnostic])
    /// A stage pointer file is malformed.
    case invalidPointer(path: String, message: String)
    /// A node could not be observed.
    case observe(node: String, message: String, retryable: Bool)
    /// `--node` names a node the fleet does not have.
    case unknownNode(String, known: [String])
    /// `--require-signed`: the revision's commit is unsigned or not signed by an allowed key.
    case unsigned(revision: String, message: String)
    /// The state directory could not be used.
    case stateDirectory(path: String, message: String)

    public var description: String {
        switch self {
        case .git(let error): error.description
        case .invalid(let revision, let diagnostics):
            "the desired state at \(revision.prefix(12)) is invalid (\(diagnostics.filter { $0.severity == .error }.count) errors)"
        case .invalidPointer(let path, let message): "\(path): \(message)"
        case .observe(let node, let message, _): "node \(node): \(message)"
        case .unknownNode(let name, let known):
            "unknown node '\(name)'; the fleet has: \(known.joined(separator: ", "))"
        case .stateDirectory(let path, let message): "state directory \(path): \(message)"
        case .unsigned(let revision, let message):
            "refusing revision \(revision.prefix(12)): \(message); nothing was changed"
        }
    }

    public var isRetryable: Bool {
        switch self {
        case .git(let error): error.isRetryable
        case .observe(_, _, let retryable): retryable
        default: false
        }
    }
}
