import CGit2

/// Listing, moving and deleting branches without touching a work tree.
extension Repository {
    /// Local and remote-tracking branches whose name (as ``BranchTip/name`` shows it) starts with
    /// `prefix`, sorted by full reference name: local branches first, then remote-tracking ones.
    ///
    /// `branches(matching: "agentplane/promote/")` lists local promotion branches;
    /// `branches(matching: "origin/agentplane/promote/")` the remote's, as last fetched. Symbolic
    /// refs such as `origin/HEAD` are left out.
    public func branches(matching prefix: String = "") throws(GitError) -> [BranchTip] {
        try LibGit2.checkNoNUL(prefix, what: "branch prefix")
        return try handle.references(withPrefixes: ["refs/heads/" + prefix, "refs/remotes/" + prefix]).map {
            let short =
                $0.name.hasPrefix("refs/heads/")
                ? $0.name.dropFirst("refs/heads/".count) : $0.name.dropFirst("refs/remotes/".count)
            return BranchTip(name: String(short), reference: $0.name, tip: $0.target)
        }
    }

    /// The commit the local branch `name` points at, nil when there is no such branch.
    public func branchTip(_ name: String) throws(GitError) -> ObjectID? {
        try checkBranchName(name)
        return try handle.referenceTarget("refs/heads/" + name)
    }

    /// The commit the local branch `name` points at (`git_reference_name_to_id`).
    /// - Throws: ``GitError/revisionNotFound(_:_:)`` when there is no such branch.
    func localBranchTip(_ name: String) throws(GitError) -> ObjectID {
        try checkBranchName(name)
        var oid = git_oid()
        do {
            try LibGit2.call("git_reference_name_to_id") {
                git_reference_name_to_id(&oid, handle.pointer, "refs/heads/" + name)
            }
        } catch .library(let failure) where failure.isNotFound {
            throw .revisionNotFound(name, failure)
        }
        return ObjectID(oid)
    }

    /// Points the local branch `name` at `commit`, creating it or moving it wherever it was
    /// (`git_branch_create` with force).
    ///
    /// - Throws: a ``GitError/library(_:)`` from libgit2 when `name` is the checked-out branch
    ///   of a work tree (it would leave the work tree stale); ``GitError/unreadableObject(_:path:_:)``
    ///   when `commit` is not in the repository.
    public func setBranch(_ name: String, to commit: ObjectID) throws(GitError) {
        try checkBranchName(name)
        let target = try GitError.reading(commit) { () throws(GitError) in try handle.commit(commit) }
        _ = ReferenceHandle(
            try LibGit2.make("git_branch_create") {
                git_branch_create(&$0, handle.pointer, name, target.pointer, 1)
            })
    }

    /// Deletes the local branch `name` (`git_branch_lookup`, `git_branch_delete`).
    ///
    /// - Returns: the commit it pointed at, nil when there was no such branch (nothing to do).
    /// - Throws: a ``GitError/library(_:)`` from libgit2 when it is the repository's current HEAD.
    @discardableResult
    public func deleteBranch(_ name: String) throws(GitError) -> ObjectID? {
        try checkBranchName(name)
        let branch: ReferenceHandle
        do {
            branch = ReferenceHandle(
                try LibGit2.make("git_branch_lookup") {
                    git_branch_lookup(&$0, handle.pointer, name, GIT_BRANCH_LOCAL)
                })
        } catch .library(let failure) where failure.isNotFound {
            return nil
        }
        let tip = ObjectID(git_reference_target(branch.pointer))
        try LibGit2.call("git_branch_delete") { git_branch_delete(branch.pointer) }
        return tip
    }
}
