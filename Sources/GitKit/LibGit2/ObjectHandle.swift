import CGit2

/// Owns one `git_object *` of any type and frees it with `git_object_free`.
final class ObjectHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_object_free(pointer) }

    /// The object's id (`git_object_id`).
    var id: ObjectID { ObjectID(git_object_id(pointer).pointee) }

    /// Follows tags (and commits to trees) until an object of `type` (`git_object_peel`).
    func peel(to type: git_object_t) throws(GitError) -> ObjectHandle {
        ObjectHandle(try LibGit2.make("git_object_peel") { git_object_peel(&$0, pointer, type) }, in: repository)
    }

    /// Peels to a commit.
    func peelToCommit() throws(GitError) -> ObjectHandle { try peel(to: GIT_OBJECT_COMMIT) }
}
