import CGit2

/// Owns one `git_commit *` and frees it with `git_commit_free`.
final class CommitHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_commit_free(pointer) }

    /// The commit's id (`git_commit_id`).
    var id: ObjectID { ObjectID(git_commit_id(pointer).pointee) }

    /// The id of the commit's root tree (`git_commit_tree_id`).
    var treeID: ObjectID { ObjectID(git_commit_tree_id(pointer).pointee) }

    /// The parents' ids in order (`git_commit_parentcount`, `git_commit_parent_id`).
    var parentIDs: [ObjectID] {
        (0..<git_commit_parentcount(pointer)).compactMap { ObjectID(git_commit_parent_id(pointer, $0)) }
    }

    /// The root tree (`git_commit_tree`).
    func tree() throws(GitError) -> TreeHandle {
        TreeHandle(try LibGit2.make("git_commit_tree") { git_commit_tree(&$0, pointer) }, in: repository)
    }

    /// Copies the commit as a ``Commit`` value (`git_commit_message`, `_author`, `_committer`).
    func value() throws(GitError) -> Commit {
        let id = self.id
        let message = try LibGit2.string(git_commit_message(pointer), what: "message of commit \(id)")
        return Commit(
            id: id, treeID: treeID, parentIDs: parentIDs, message: message,
            author: try Self.signature(git_commit_author(pointer), role: "author", of: id),
            committer: try Self.signature(git_commit_committer(pointer), role: "committer", of: id))
    }

    /// Copies a borrowed `const git_signature *`.
    private static func signature(
        _ raw: UnsafePointer<git_signature>?, role: String, of id: ObjectID
    ) throws(GitError) -> Commit.Signature {
        guard let raw else { return Commit.Signature(name: "", email: "", time: 0, offsetMinutes: 0) }
        return try Commit.Signature(copying: raw, what: "\(role) of commit \(id)")
    }
}
