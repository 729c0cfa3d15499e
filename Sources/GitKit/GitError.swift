/// Everything that can go wrong in GitKit, each case with what a user needs to act on it.
public enum GitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A libgit2 call failed in a way no more specific case describes.
    case library(GitCallFailure)
    /// No repository at `path` or in any directory above it.
    case notARepository(path: String, GitCallFailure)
    /// The revision (branch, tag, commit id, `HEAD~1`…) names nothing in the repository.
    case revisionNotFound(String, GitCallFailure)
    /// An abbreviated commit id matches more than one object.
    case ambiguousRevision(String, GitCallFailure)
    /// The revision could not be read, for another reason than not existing (a corrupt ref…).
    case unreadableRevision(String, GitCallFailure)
    /// The revision is not valid revision syntax.
    case invalidRevision(String, GitCallFailure)
    /// The revision names an object that cannot be peeled to a commit (a tree or a blob).
    case notACommit(String, GitCallFailure)
    /// An object (at `path` in a tree, when known) is missing or corrupt.
    case unreadableObject(ObjectID, path: String?, GitCallFailure)
    /// A path (a tree entry or a path given to GitKit) names a file where a directory is needed.
    case notADirectory(path: String)
    /// Text that must be UTF-8 (a tree entry name, a commit message) is not; `escaped` shows its bytes.
    case invalidUTF8(what: String, escaped: String)
    /// A tree entry has a file mode GitKit does not know.
    case unsupportedEntry(path: String, mode: UInt32)
    /// An argument was rejected before calling libgit2 (an empty path component, a NUL byte…).
    case invalidArgument(String)
    /// A commit could not move `branch`: it does not point at the expected parent (nil: should
    /// not exist yet) but at `actual` (nil: it does not exist). Rebuild on the new tip and retry.
    case branchMoved(branch: String, expected: ObjectID?, actual: ObjectID?)
    /// The remote at `url` could not be reached (no repository at the path, DNS, refused, timeout).
    case remoteUnreachable(url: String, GitCallFailure)
    /// The remote at `url` refused the credentials, or none were configured for it.
    case authenticationFailed(url: String, message: String)
    /// The SSH server at `url` presented a host key that `known_hosts` does not vouch for.
    case untrustedHost(url: String, message: String)
    /// A transfer with the remote at `url` failed after connecting (a corrupt pack, a dropped link…).
    case remoteFailed(url: String, GitCallFailure)
    /// The repository has no remote called `name`.
    case remoteNotFound(String, GitCallFailure)
    /// The remote refused to update `ref` (e.g. not a fast-forward: it moved). Fetch, rebuild, retry.
    case pushRejected(ref: String, message: String)
    /// Merging `branch` into `target` conflicts in `paths` (sorted).
    case mergeConflict(target: String, branch: String, paths: [String])
    /// `branch` is already part of `target`'s history: a merge would change nothing.
    case nothingToMerge(target: String, branch: String)
    /// A commit or a payload could not be signed, or a signature could not be checked.
    case signingFailed(String)

    /// The libgit2 failure behind this error, if there is one.
    public var failure: GitCallFailure? {
        switch self {
        case .library(let failure), .notARepository(_, let failure), .revisionNotFound(_, let failure),
            .ambiguousRevision(_, let failure), .invalidRevision(_, let failure),
            .notACommit(_, let failure), .unreadableRevision(_, let failure),
            .unreadableObject(_, _, let failure), .remoteUnreachable(_, let failure),
            .remoteFailed(_, let failure), .remoteNotFound(_, let failure):
            return failure
        case .notADirectory, .invalidUTF8, .unsupportedEntry, .invalidArgument, .branchMoved,
            .authenticationFailed, .untrustedHost, .pushRejected, .mergeConflict, .nothingToMerge, .signingFailed:
            return nil
        }
    }

    /// Whether the same operation may succeed later (network, TLS, SSH, HTTP, lock files);
    /// everything else is terminal: fix the input or the repository first.
    public var isRetryable: Bool {
        switch self {
        case .library(let failure), .unreadableRevision(_, let failure), .unreadableObject(_, _, let failure),
            .remoteFailed(_, let failure):
            return failure.isRetryable
        case .branchMoved, .remoteUnreachable, .pushRejected: return true
        default: return false
        }
    }

    /// A message for the user, ending with libgit2's own words where it gave some.
    public var description: String {
        switch self {
        case .library(let failure):
            return "git error: \(failure)"
        case .notARepository(let path, let failure):
            return "'\(path)' is not a git repository (or any parent directory): \(failure.message)"
        case .revisionNotFound(let revision, let failure):
            return "revision '\(revision)' not found: \(failure.message)"
        case .ambiguousRevision(let revision, let failure):
            return "revision '\(revision)' is ambiguous: \(failure.message)"
        case .invalidRevision(let revision, let failure):
            return "'\(revision)' is not a valid revision: \(failure.message)"
        case .unreadableRevision(let revision, let failure):
            return "cannot resolve revision '\(revision)': \(failure.message)"
        case .unreadableObject(let id, let path?, let failure):
            return "cannot read '\(path)' (object \(id.short)): \(failure.message)"
        case .unreadableObject(let id, nil, let failure):
            return "cannot read object \(id.short): \(failure.message)"
        case .notACommit(let revision, let failure):
            return "revision '\(revision)' does not name a commit: \(failure.message)"
        case .notADirectory(let path):
            return "'\(path)' is a file in the tree, not a directory"
        case .invalidUTF8(let what, let escaped):
            return "\(what) is not valid UTF-8: \"\(escaped)\""
        case .unsupportedEntry(let path, let mode):
            return "'\(path)' has unsupported file mode \(String(mode, radix: 8))"
        case .invalidArgument(let message):
            return message
        case .branchMoved(let branch, let expected, let actual):
            let wanted = expected.map { "at \($0.short)" } ?? "not to exist"
            let found = actual.map { "it points at \($0.short)" } ?? "it does not exist"
            return "branch '\(branch)' moved: expected it \(wanted), but \(found)"
        case .remoteUnreachable(let url, let failure):
            return "cannot reach remote \(url): \(failure.message)"
        case .authenticationFailed(let url, let message):
            return "authentication failed for \(url): \(message)"
        case .untrustedHost(let url, let message):
            return "cannot trust remote \(url): \(message)"
        case .remoteFailed(let url, let failure):
            return "transfer with remote \(url) failed: \(failure.message)"
        case .remoteNotFound(let name, let failure):
            return "no remote named '\(name)': \(failure.message)"
        case .pushRejected(let ref, let message):
            return "push of \(ref) rejected: \(message)"
        case .mergeConflict(let target, let branch, let paths):
            return "merging '\(branch)' into '\(target)' conflicts in: \(paths.joined(separator: ", "))"
        case .nothingToMerge(let target, let branch):
            return "'\(branch)' is already merged into '\(target)'"
        case .signingFailed(let message):
            return message
        }
    }
}

extension GitError {
    /// Runs `body`, naming the object (and its path) in a plain library failure.
    static func reading<T>(
        _ id: ObjectID, path: String? = nil, _ body: () throws(GitError) -> T
    ) throws(GitError) -> T {
        do {
            return try body()
        } catch .library(let failure) {
            throw .unreadableObject(id, path: path, failure)
        }
    }
}
