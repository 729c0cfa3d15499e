import CGit2

/// Owns one `git_odb *` and frees it with `git_odb_free`.
final class ObjectDatabaseHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_odb_free(pointer) }

    /// The size of an object's content, read from its header only (`git_odb_read_header`).
    func size(of id: ObjectID) throws(GitError) -> Int {
        var oid = id.oid
        var length = 0
        var type = GIT_OBJECT_ANY
        try LibGit2.call("git_odb_read_header") { git_odb_read_header(&length, &type, pointer, &oid) }
        return length
    }
}
