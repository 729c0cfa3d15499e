import CGit2

/// Pushing branches to a remote and deleting them there.
extension Repository {
    /// Pushes the local branch `branch` to the branch of the same name on `remote`
    /// (`git_remote_push`), then records the pushed tip as `refs/remotes/<remote>/<branch>`.
    ///
    /// - Parameter force: replace the remote branch even when the push is not a fast-forward.
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
        try push((force ? "+" : "") + reference + ":" + reference, reference: reference, remote: remote, credentials: credentials)
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
        try push(":" + reference, reference: reference, remote: remote, credentials: credentials)
        try handle.removeReference("refs/remotes/\(remote)/\(branch)")
    }

    /// Pushes one refspec and turns every way the remote can refuse it into a ``GitError``.
    private func push(
        _ refspec: String, reference: String, remote name: String, credentials: RemoteCredentials
    ) throws(GitError) {
        let remote = try handle.remote(named: name)
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

    /// Rejects names that are not valid branch names (`git_branch_name_is_valid`).
    func checkBranchName(_ branch: String) throws(GitError) {
        try LibGit2.checkNoNUL(branch, what: "branch name")
        guard try handle.isValidBranchName(branch) else {
            throw .invalidArgument("'\(branch)' is not a valid branch name")
        }
    }
}
