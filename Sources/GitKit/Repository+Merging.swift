import CGit2

/// Merge commits for promotion approvals, merge bases and the paths a branch changes.
extension Repository {
    /// Merges `branch` into the local branch `target` with a two-parent commit and moves `target`
    /// to it, like `git merge --no-ff`, without an index file or a work tree.
    ///
    /// The tree is the result of merging the two tips (`git_merge_commits`, then
    /// `git_index_write_tree_to`). A merge commit is made even when `target` could fast-forward,
    /// so the approval is recorded. `target` moves only if it still points at the tip read at
    /// the start (compare-and-swap, as in ``writeCommit(on:parent:files:removing:message:author:committer:signer:)``).
    /// In a mirror, first point `target` at the remote's tip: `setBranch("main", to: remoteBranchTip("main"))`.
    /// - Parameters:
    ///   - target: a local branch name, e.g. `main`.
    ///   - branch: any revision: `origin/agentplane/promote/run-1`, a commit id…
    ///   - message: stored with a trailing newline.
    ///   - committer: defaults to `author`.
    ///   - signer: when given, signs the merge commit.
    /// - Returns: the merge commit's id.
    /// - Throws: ``GitError/mergeConflict(target:branch:paths:)`` naming every conflicted path
    ///   (nothing is written); ``GitError/nothingToMerge(target:branch:)`` when `branch` is
    ///   already in `target`'s history; ``GitError/branchMoved(branch:expected:actual:)`` when
    ///   `target` moved meanwhile; ``GitError/revisionNotFound(_:_:)`` for a missing branch.
    @discardableResult
    public func mergeCommit(
        into target: String, from branch: String, message: String,
        author: Commit.Signature, committer: Commit.Signature? = nil, signer: CommitSigner? = nil
    ) throws(GitError) -> ObjectID {
        try LibGit2.checkNoNUL(message, what: "commit message")
        let reference = "refs/heads/" + target
        let ours = try localBranchTip(target)
        let theirs = try resolve(branch)
        if try isAncestor(theirs, of: ours) { throw .nothingToMerge(target: target, branch: branch) }
        let oursHandle = try GitError.reading(ours) { () throws(GitError) in try handle.commit(ours) }
        let theirsHandle = try GitError.reading(theirs) { () throws(GitError) in try handle.commit(theirs) }
        let index = try handle.mergeCommits(ours: oursHandle, theirs: theirsHandle)
        if index.hasConflicts {
            throw .mergeConflict(target: target, branch: branch, paths: try index.conflictPaths())
        }
        let treeID = try index.writeTree()
        let text = message.hasSuffix("\n") ? message : message + "\n"
        let id = try createCommit(
            tree: try handle.tree(treeID), parents: [oursHandle, theirsHandle], message: text,
            author: try SignatureHandle(author), committer: try SignatureHandle(committer ?? author),
            signer: signer)
        do {
            try handle.moveReference(reference, to: id, from: ours, log: "merge \(branch)")
        } catch .library(let failure) where [GIT_EMODIFIED, GIT_EEXISTS, GIT_ENOTFOUND, GIT_ELOCKED].map(\.rawValue).contains(failure.code) {
            throw .branchMoved(branch: target, expected: ours, actual: try? handle.referenceTarget(reference))
        }
        return id
    }

    /// The best common ancestor of two commits, as `git merge-base` prints it; nil when they
    /// share no history (`git_merge_base`).
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> ObjectID? {
        try handle.mergeBase(one, two)
    }

    /// Every path that differs between two commits' trees, sorted (byte order): added, deleted,
    /// modified or changed in mode, as `git diff --name-only base commit` lists them
    /// (`git_diff_tree_to_tree`).
    ///
    /// With `base` the merge base of a promotion branch and its target, this is what the branch
    /// changes: an approval refuses it if any path lies outside `evidence/` and `state/`.
    public func changedPaths(from base: ObjectID, to commit: ObjectID) throws(GitError) -> [String] {
        let old = try GitError.reading(base) { () throws(GitError) in try handle.commit(base).tree() }
        let new = try GitError.reading(commit) { () throws(GitError) in try handle.commit(commit).tree() }
        let diff = try DiffHandle(handle, from: old, to: new)
        return try diff.paths().sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
