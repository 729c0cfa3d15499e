import CGit2

/// Owns one in-memory `git_index *` (the result of a merge) and frees it with `git_index_free`.
final class IndexHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_index_free(pointer) }

    /// Whether any path is in conflict (`git_index_has_conflicts`).
    var hasConflicts: Bool { git_index_has_conflicts(pointer) == 1 }

    /// Every conflicted path, sorted and unique (`git_index_conflict_iterator_new`,
    /// `git_index_conflict_next`); a path that is not UTF-8 is shown escaped.
    func conflictPaths() throws(GitError) -> [String] {
        let iterator = IndexConflictIteratorHandle(
            try LibGit2.make("git_index_conflict_iterator_new") {
                git_index_conflict_iterator_new(&$0, pointer)
            })
        var paths: Set<String> = []
        while let entries = try iterator.next() {
            for entry in entries {
                guard let raw = entry?.pointee.path else { continue }
                let bytes = LibGit2.bytes(raw)
                paths.insert(String(validating: bytes, as: UTF8.self) ?? ByteEscaping.escape(bytes))
            }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Writes the index as trees into the repository and returns the root tree's id
    /// (`git_index_write_tree_to`).
    func writeTree() throws(GitError) -> ObjectID {
        var oid = git_oid()
        try LibGit2.call("git_index_write_tree_to") { git_index_write_tree_to(&oid, pointer, repository.pointer) }
        return ObjectID(oid)
    }
}

/// Owns one `git_index_conflict_iterator *` and frees it with `git_index_conflict_iterator_free`.
final class IndexConflictIteratorHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { git_index_conflict_iterator_free(pointer) }

    /// The ancestor, ours and theirs entries of the next conflict (any may be absent), nil at
    /// the end (`git_index_conflict_next`, `GIT_ITEROVER`). Borrowed: valid while the index lives.
    func next() throws(GitError) -> [UnsafePointer<git_index_entry>?]? {
        var ancestor: UnsafePointer<git_index_entry>?
        var ours: UnsafePointer<git_index_entry>?
        var theirs: UnsafePointer<git_index_entry>?
        do {
            try LibGit2.call("git_index_conflict_next") {
                git_index_conflict_next(&ancestor, &ours, &theirs, pointer)
            }
        } catch .library(let failure) where failure.code == GIT_ITEROVER.rawValue {
            return nil
        }
        return [ancestor, ours, theirs]
    }
}
