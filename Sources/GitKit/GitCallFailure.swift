import CGit2

/// One failed libgit2 call: which C function, its return code, and libgit2's own error report.
public struct GitCallFailure: Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed, e.g. `git_revparse_single`.
    public let function: String
    /// The negative return code (`git_error_code`), e.g. -3 for `GIT_ENOTFOUND`.
    public let code: Int32
    /// The `klass` of `git_error_last()` (`git_error_t`), 0 when libgit2 reported none.
    public let errorClass: Int32
    /// libgit2's message from `git_error_last()`.
    public let message: String

    public init(function: String, code: Int32, errorClass: Int32, message: String) {
        self.function = function
        self.code = code
        self.errorClass = errorClass
        self.message = message
    }

    /// The symbolic name of ``code``, e.g. `GIT_ENOTFOUND`.
    public var codeName: String { Self.codeNames[code] ?? "GIT_ERROR(\(code))" }

    /// The symbolic name of ``errorClass``, e.g. `reference`, `net`, `odb`.
    public var className: String {
        let index = Int(errorClass)
        return Self.classNames.indices.contains(index) ? Self.classNames[index] : "class \(errorClass)"
    }

    /// The requested object, reference or path does not exist (`GIT_ENOTFOUND`).
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

    /// Whether trying again later may succeed: network, TLS, SSH and HTTP failures and lock files.
    ///
    /// Authentication and certificate failures are terminal: retrying cannot fix them.
    public var isRetryable: Bool {
        if code == GIT_EAUTH.rawValue || code == GIT_ECERTIFICATE.rawValue { return false }
        if code == GIT_ELOCKED.rawValue { return true }
        return Self.transientClasses.contains(errorClass)
    }

    /// `git_revparse_single: revspec 'nope' not found (GIT_ENOTFOUND, class reference)`.
    public var description: String {
        "\(function): \(message) (\(codeName), class \(className))"
    }

    private static let transientClasses: Set<Int32> = [
        Int32(GIT_ERROR_NET.rawValue), Int32(GIT_ERROR_SSL.rawValue), Int32(GIT_ERROR_SSH.rawValue),
        Int32(GIT_ERROR_HTTP.rawValue),
    ]

    private static let codeNames: [Int32: String] = [
        GIT_ERROR.rawValue: "GIT_ERROR",
        GIT_ENOTFOUND.rawValue: "GIT_ENOTFOUND",
        GIT_EEXISTS.rawValue: "GIT_EEXISTS",
        GIT_EAMBIGUOUS.rawValue: "GIT_EAMBIGUOUS",
        GIT_EBUFS.rawValue: "GIT_EBUFS",
        GIT_EUSER.rawValue: "GIT_EUSER",
        GIT_EBAREREPO.rawValue: "GIT_EBAREREPO",
        GIT_EUNBORNBRANCH.rawValue: "GIT_EUNBORNBRANCH",
        GIT_EUNMERGED.rawValue: "GIT_EUNMERGED",
        GIT_ENONFASTFORWARD.rawValue: "GIT_ENONFASTFORWARD",
        GIT_EINVALIDSPEC.rawValue: "GIT_EINVALIDSPEC",
        GIT_ECONFLICT.rawValue: "GIT_ECONFLICT",
        GIT_ELOCKED.rawValue: "GIT_ELOCKED",
        GIT_EMODIFIED.rawValue: "GIT_EMODIFIED",
        GIT_EAUTH.rawValue: "GIT_EAUTH",
        GIT_ECERTIFICATE.rawValue: "GIT_ECERTIFICATE",
        GIT_EAPPLIED.rawValue: "GIT_EAPPLIED",
        GIT_EPEEL.rawValue: "GIT_EPEEL",
        GIT_EEOF.rawValue: "GIT_EEOF",
        GIT_EINVALID.rawValue: "GIT_EINVALID",
        GIT_EUNCOMMITTED.rawValue: "GIT_EUNCOMMITTED",
        GIT_EDIRECTORY.rawValue: "GIT_EDIRECTORY",
        GIT_EMERGECONFLICT.rawValue: "GIT_EMERGECONFLICT",
        GIT_PASSTHROUGH.rawValue: "GIT_PASSTHROUGH",
        GIT_ITEROVER.rawValue: "GIT_ITEROVER",
        GIT_RETRY.rawValue: "GIT_RETRY",
        GIT_EMISMATCH.rawValue: "GIT_EMISMATCH",
        GIT_EINDEXDIRTY.rawValue: "GIT_EINDEXDIRTY",
        GIT_EAPPLYFAIL.rawValue: "GIT_EAPPLYFAIL",
        GIT_EOWNER.rawValue: "GIT_EOWNER",
    ]

    /// `git_error_t` in order (GIT_ERROR_NONE = 0 … GIT_ERROR_INTERNAL), without the prefix.
    private static let classNames = [
        "none", "nomemory", "os", "invalid", "reference", "zlib", "repository", "config", "regex",
        "odb", "index", "object", "net", "tag", "tree", "indexer", "ssl", "submodule", "thread",
        "stash", "checkout", "fetchhead", "merge", "ssh", "filter", "revert", "callback",
        "cherrypick", "describe", "rebase", "filesystem", "patch", "worktree", "sha", "http",
        "internal",
    ]
}
