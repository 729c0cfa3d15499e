import CGit2

/// Raw calls for merging two commits in memory and finding their merge base.
extension RepositoryHandle {
    /// Merges two commits into an in-memory index, conflicts included (`git_merge_commits`,
    /// default options: rename detection on, no favouring of either side).
    func mergeCommits(ours: CommitHandle, theirs: CommitHandle) throws(GitError) -> IndexHandle {
        IndexHandle(
            try LibGit2.make("git_merge_commits") {
                git_merge_commits(&$0, pointer, ours.pointer, theirs.pointer, nil)
            }, in: self)
    }

    /// The best common ancestor of two commits, nil when they share no history (`git_merge_base`).
    func mergeBase(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> ObjectID? {
        var out = git_oid()
        var first = one.oid
        var second = two.oid
        do {
            try LibGit2.call("git_merge_base") { git_merge_base(&out, pointer, &first, &second) }
        } catch .library(let failure) where failure.isNotFound {
            return nil
        }
        return ObjectID(out)
    }
}
