import CGit2

/// Resolving revisions to commits, reading commits, and ancestry.
extension Repository {
    /// Resolves a revision to the id of the commit it names.
    ///
    /// Accepts what `git rev-parse` accepts: a branch (`main`), a full ref (`refs/heads/main`),
    /// a lightweight or annotated tag (peeled to its commit), a full or abbreviated commit id,
    /// `HEAD`, `HEAD~1`, `main^2`… (`git_revparse_single`, then `git_object_peel`).
    public func resolve(_ revision: String) throws(GitError) -> ObjectID {
        try LibGit2.checkNoNUL(revision, what: "revision")
        let object: ObjectHandle
        do {
            object = try handle.revparse(revision)
        } catch .library(let failure) {
            switch failure.code {
            case GIT_ENOTFOUND.rawValue: throw .revisionNotFound(revision, failure)
            case GIT_EAMBIGUOUS.rawValue: throw .ambiguousRevision(revision, failure)
            case GIT_EINVALIDSPEC.rawValue: throw .invalidRevision(revision, failure)
            default: throw .unreadableRevision(revision, failure)
            }
        }
        do {
            return try object.peelToCommit().id
        } catch .library(let failure) {
            switch failure.code {
            case GIT_EPEEL.rawValue, GIT_EINVALIDSPEC.rawValue: throw .notACommit(revision, failure)
            default: throw .unreadableRevision(revision, failure)
            }
        }
    }

    /// Reads the commit with this id (`git_commit_lookup`).
    ///
    /// - Throws: ``GitError/invalidUTF8(what:escaped:)`` when its message or a name is not UTF-8.
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        try GitError.reading(id) { () throws(GitError) in try handle.commit(id).value() }
    }

    /// The id of the tree at a `/`-separated path in a commit, nil when nothing is there.
    ///
    /// `treeID(at: "desired", in: commit)` keys a run: a commit that changes only `evidence/`
    /// leaves it unchanged. The empty path names the commit's root tree.
    /// - Throws: ``GitError/notADirectory(path:)`` when the path names a file.
    public func treeID(at path: String, in commit: ObjectID) throws(GitError) -> ObjectID? {
        let treePath = try TreePath(path)
        let commitHandle = try GitError.reading(commit) { () throws(GitError) in try handle.commit(commit) }
        guard !treePath.isRoot else { return commitHandle.treeID }
        let root = try GitError.reading(commitHandle.treeID) { () throws(GitError) in try commitHandle.tree() }
        guard let entry = try root.entry(atPath: treePath.text) else { return nil }
        guard entry.mode == GIT_FILEMODE_TREE.rawValue else { throw .notADirectory(path: treePath.text) }
        return entry.id
    }

    /// Whether `ancestor` is `commit` itself or in its history, as `git merge-base --is-ancestor`
    /// answers (`git_graph_descendant_of`).
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws(GitError) -> Bool {
        if ancestor == commit { return true }
        return try handle.isDescendant(commit, of: ancestor)
    }
}
