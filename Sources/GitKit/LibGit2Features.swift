import CGit2

/// What the linked libgit2 was built with (`git_libgit2_features`, `git_libgit2_version`),
/// for `agentplane doctor` and for clear errors about unsupported transports.
public struct LibGit2Features: Hashable, Sendable, CustomStringConvertible {
    /// `major.minor.revision`, e.g. `1.5.1`.
    public let version: String
    /// ssh:// and scp-like remotes (libssh2).
    public let ssh: Bool
    /// https:// remotes with TLS.
    public let https: Bool
    /// Thread-safe: separate repositories may be used from separate threads.
    public let threads: Bool

    /// The features of the libgit2 this process runs with.
    public static var current: LibGit2Features {
        _ = try? LibGit2.initialise()
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = git_libgit2_version(&major, &minor, &revision)
        let flags = UInt32(bitPattern: git_libgit2_features())
        return LibGit2Features(
            version: "\(major).\(minor).\(revision)",
            ssh: flags & GIT_FEATURE_SSH.rawValue != 0,
            https: flags & GIT_FEATURE_HTTPS.rawValue != 0,
            threads: flags & GIT_FEATURE_THREADS.rawValue != 0)
    }

    public init(version: String, ssh: Bool, https: Bool, threads: Bool) {
        self.version = version
        self.ssh = ssh
        self.https = https
        self.threads = threads
    }

    /// `libgit2 1.5.1 (ssh, https, threads)`.
    public var description: String {
        let names = [(ssh, "ssh"), (https, "https"), (threads, "threads")].filter(\.0).map(\.1)
        return "libgit2 \(version) (\(names.isEmpty ? "no optional features" : names.joined(separator: ", ")))"
    }
}
