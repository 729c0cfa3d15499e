import CGit2
import Foundation

/// Pushing branches to a remote and deleting them there.
extension Repository {
    /// Pushes the local branch `branch` to the branch of the same name on `remote`
    /// (`git_remote_push`), then records the pushed tip as `refs/remotes/<remote>/<branch>`.
    ///
    /// The remote branch moves only from the value the remote advertised when the push began:
    /// over ssh and https the remote's receive-pack checks it under its lock; for a remote on
    /// this machine (a path or `file://`), where libgit2 would overwrite the branch whatever it
    /// became meanwhile, the objects travel under a temporary ref and the branch is then moved
    /// with a compare-and-swap in the remote repository itself. Concurrent pushers never lose
    /// each other's commits: one of them gets ``GitError/pushRejected(ref:message:)``.
    /// - Parameter force: replace the remote branch even when the push is not a fast-forward
    ///   (still only from the advertised value, like `--force-with-lease`, for a local remote).
    /// - Throws: ``GitError/pushRejected(ref:message:)`` (retryable) when the remote moved
    ///   (the push is not a fast-forward) or refused the update (a hook, `receive.deny*`),
    ///   whether libgit2 saw it before sending (`GIT_ENONFASTFORWARD`) or the remote answered
    ///   so per reference (`push_update_reference`): fetch, rebuild on the new tip and retry.
    ///   ``GitError/revisionNotFound(_:_:)`` when there is no such local branch; the errors of
    ///   ``fetch(remote:credentials:)`` for reaching the remote.
    public func push(
        branch: String, to remote: String = "origin", force: Bool = false,
        credentials: RemoteCredentials = .fromEnvironment()
    ) throws(GitError) {
        let tip = try localBranchTip(branch)
        let reference = "refs/heads/" + branch
        let remoteHandle = try handle.remote(named: remote)
        let url = try remoteHandle.url()
        if let path = RemoteSession.localPath(url) {
            try pushLocally(tip, from: reference, force: force, remote: remoteHandle, path: path, credentials: credentials)
        } else {
            try push(
                (force ? "+" : "") + reference + ":" + reference, reference: reference, remote: remoteHandle,
                credentials: credentials)
        }
        try handle.setReference("refs/remotes/\(remote)/\(branch)", to: tip, log: "push: \(reference)")
    }

    /// Deletes `branch` on `remote` (`git_remote_push` of `:refs/heads/<branch>`) and its
    /// remote-tracking ref here. Deleting a branch the remote does not have succeeds.
    /// - Throws: ``GitError/pushRejected(ref:message:)`` when the remote refuses (`receive.denyDeletes`).
    public func deleteRemoteBranch(
        _ branch: String, remote: String = "origin", credentials: RemoteCredentials = .fromEnvironment()
    ) throws(GitError) {
        try checkBranchName(branch)
        let reference = "refs/heads/" + branch
        try push(":" + reference, reference: reference, remote: try handle.remote(named: remote), credentials: credentials)
        try handle.removeReference("refs/remotes/\(remote)/\(branch)")
    }

    /// Pushes one refspec and turns every way the remote can refuse it into a ``GitError``.
    private func push(
        _ refspec: String, reference: String, remote: RemoteHandle, credentials: RemoteCredentials
    ) throws(GitError) {
        let url = try remote.url()
        try remote.connect(GIT_DIRECTION_PUSH, session: RemoteSession(url: url, credentials: credentials))
        let session = RemoteSession(url: url, credentials: credentials)
        do {
            try remote.push([refspec], session: session)
        } catch .library(let failure) {
            if failure.code == GIT_ENONFASTFORWARD.rawValue {
                throw .pushRejected(ref: reference, message: failure.message)
            }
            throw session.error(for: failure, connecting: false)
        }
        if let rejection = session.rejections.first {
            throw .pushRejected(ref: rejection.ref, message: rejection.message)
        }
    }

    /// Pushes the local `reference` (at `tip`) to the same reference of the repository at `path` with a compare-and-swap: the
    /// objects go under a temporary ref, then the branch moves only if it still holds what the
    /// remote advertised at the start.
    private func pushLocally(
        _ tip: ObjectID, from reference: String, force: Bool, remote: RemoteHandle, path: String,
        credentials: RemoteCredentials
    ) throws(GitError) {
        let url = try remote.url()
        try remote.connect(GIT_DIRECTION_PUSH, session: RemoteSession(url: url, credentials: credentials))
        let expected = try remote.advertisedTarget(reference)
        if let expected, !force {
            let known = (try? handle.commit(expected)) != nil
            guard known, try isAncestor(expected, of: tip) else {
                throw .pushRejected(
                    ref: reference,
                    message: known
                        ? "not a fast-forward: the remote has commits the local branch does not"
                        : "the remote has commits that are not present locally: fetch first")
            }
        }
        if expected == tip { return }
        let staging = "refs/agentplane/incoming/" + UUID().uuidString
        try push("+" + reference + ":" + staging, reference: staging, remote: remote, credentials: credentials)
        let target: RepositoryHandle
        do {
            target = try RepositoryHandle.open(path)
        } catch .library(let failure) {
            throw .remoteUnreachable(url: url, failure)
        }
        defer { _ = try? target.removeReference(staging) }
        do {
            try target.moveReference(reference, to: tip, from: expected, log: "push")
        } catch .library(let failure) where [GIT_EMODIFIED, GIT_EEXISTS, GIT_ENOTFOUND, GIT_ELOCKED].map(\.rawValue).contains(failure.code) {
            throw .pushRejected(ref: reference, message: "the remote branch moved during the push: \(failure.message)")
        }
    }

    /// Rejects names that are not valid branch names (`git_branch_name_is_valid`).
    func checkBranchName(_ branch: String) throws(GitError) {
        try LibGit2.checkNoNUL(branch, what: "branch name")
        guard try handle.isValidBranchName(branch) else {
            throw .invalidArgument("'\(branch)' is not a valid branch name")
        }
    }
}
