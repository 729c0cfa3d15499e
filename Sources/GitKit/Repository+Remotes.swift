import CGit2
import Foundation

/// Cloning and fetching: a remote's branches become remote-tracking refs, never local branches.
///
/// After ``fetch(remote:credentials:)`` the repository holds `refs/remotes/<remote>/<branch>`
/// for every branch of the remote (vanished ones pruned), every tag of the remote under
/// `refs/tags/` (a tag the remote moves follows it; one it deletes stays), and `refs/remotes/<remote>/HEAD`
/// pointing at the remote's default branch. Local branches are left alone, so a stale local
/// `main` can never be mistaken for the remote's: resolve refs with ``resolve(_:fetchedFrom:)``.
extension Repository {
    /// Clones `url` into a new bare repository at `path` with the remote `origin`.
    ///
    /// `url` is a local path, a `file://`, `https://` or `ssh://` URL, or scp-like
    /// `user@host:path`. The result has no local branches: see the type's overview.
    /// On failure nothing is left at `path`.
    /// - Throws: ``GitError/invalidArgument(_:)`` when `path` exists and is not an empty
    ///   directory; ``GitError/remoteUnreachable(url:_:)``,
    ///   ``GitError/authenticationFailed(url:message:)`` or ``GitError/remoteFailed(url:_:)``.
    public static func clone(
        url: String, into path: String, credentials: RemoteCredentials = .fromEnvironment()
    ) throws(GitError) -> Repository {
        var isDirectory: ObjCBool = false
        let existed = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if existed {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty else {
                throw .invalidArgument("cannot clone into '\(path)': it exists and is not an empty directory")
            }
        }
        do {
            let repository = try initialize(at: path, bare: true)
            _ = try repository.handle.createRemote(named: "origin", url: url, fetchspec: branchRefspec("origin"))
            try repository.fetch(remote: "origin", credentials: credentials)
            return repository
        } catch {
            if existed {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                    try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(name))
                }
            } else {
                try? FileManager.default.removeItem(atPath: path)
            }
            throw error
        }
    }

    /// Fetches every branch of `remote` into `refs/remotes/<remote>/`, prunes the ones it no
    /// longer has, takes its tags (`GIT_REMOTE_DOWNLOAD_TAGS_ALL`: new and moved ones; deleted
    /// ones are kept) and records its default branch as `refs/remotes/<remote>/HEAD`
    /// (`git_remote_connect_ext`, `git_remote_default_branch`, `git_remote_fetch`).
    /// - Throws: ``GitError/remoteNotFound(_:_:)``, ``GitError/remoteUnreachable(url:_:)``
    ///   (retryable), ``GitError/authenticationFailed(url:message:)`` (terminal),
    ///   ``GitError/remoteFailed(url:_:)`` (a transfer that failed after connecting).
    public func fetch(remote name: String = "origin", credentials: RemoteCredentials = .fromEnvironment()) throws(GitError) {
        let remote = try handle.remote(named: name)
        let url = try remote.url()
        try remote.connect(GIT_DIRECTION_FETCH, session: RemoteSession(url: url, credentials: credentials))
        let remoteHead = try remote.defaultBranch()
        try remote.fetch([Self.branchRefspec(name)], session: RemoteSession(url: url, credentials: credentials))
        let symbolic = "refs/remotes/\(name)/HEAD"
        guard let remoteHead, remoteHead.hasPrefix("refs/heads/") else { return }
        let tracking = "refs/remotes/\(name)/" + remoteHead.dropFirst("refs/heads/".count)
        if try handle.referenceTarget(tracking) != nil, try handle.symbolicTarget(symbolic) != tracking {
            try handle.setSymbolicReference(symbolic, to: tracking, log: "fetch: remote HEAD is \(remoteHead)")
        }
    }

    /// The branch the remote's HEAD pointed at when last fetched (e.g. `main`), nil when the
    /// remote had none (an empty remote) or was never fetched.
    public func defaultBranch(remote name: String = "origin") throws(GitError) -> String? {
        let prefix = "refs/remotes/\(name)/"
        guard let target = try handle.symbolicTarget(prefix + "HEAD"), target.hasPrefix(prefix) else { return nil }
        return String(target.dropFirst(prefix.count))
    }

    /// The commit `branch` of `remote` pointed at when last fetched or pushed
    /// (`refs/remotes/<remote>/<branch>`), nil when the remote has no such branch.
    public func remoteBranchTip(_ branch: String, remote name: String = "origin") throws(GitError) -> ObjectID? {
        try LibGit2.checkNoNUL(branch, what: "branch name")
        return try handle.referenceTarget("refs/remotes/\(name)/\(branch)")
    }

    /// Resolves what a user passes as `--ref` against a repository fetched from `remote`.
    ///
    /// In order: a branch name of the remote (`main` → `refs/remotes/origin/main`), a tag
    /// (`v1` → `refs/tags/v1`, peeled), then anything ``resolve(_:)`` accepts: a commit id, a
    /// full ref (`refs/remotes/origin/main`), `origin/main`. A `~n` or `^n` suffix applies to
    /// what the name before it resolves to (`main~1` is the parent of the remote's `main`).
    /// Local branches of the cache come only last, so a stale local branch never shadows the remote's.
    /// - Throws: ``GitError/revisionNotFound(_:_:)`` when nothing matches.
    public func resolve(_ revision: String, fetchedFrom remote: String) throws(GitError) -> ObjectID {
        try LibGit2.checkNoNUL(revision, what: "revision")
        let suffixStart = revision.firstIndex { $0 == "~" || $0 == "^" } ?? revision.endIndex
        let (name, suffix) = (String(revision[..<suffixStart]), String(revision[suffixStart...]))
        for candidate in ["refs/remotes/\(remote)/\(name)", "refs/tags/\(name)"] where !name.isEmpty {
            do {
                if try handle.referenceTarget(candidate) != nil { return try resolve(candidate + suffix) }
            } catch .library(let failure) where failure.code == GIT_EINVALIDSPEC.rawValue {
                continue  // not a reference name (`HEAD@{1}`, `:/text`…): plain rev-parse below
            }
        }
        return try resolve(revision)
    }

    /// `+refs/heads/*:refs/remotes/<remote>/*`: every branch, forced (a remote may rewrite them).
    static func branchRefspec(_ remote: String) -> String {
        "+refs/heads/*:refs/remotes/\(remote)/*"
    }
}
