import CGit2

/// Owns one `git_treebuilder *` and frees it with `git_treebuilder_free`.
///
/// Builds one directory level: start from an existing tree (or nothing), insert and remove
/// entries by name, write the new tree.
final class TreeBuilderHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    /// A builder holding the entries of `source`, or empty (`git_treebuilder_new`).
    init(_ repository: RepositoryHandle, source: TreeHandle?) throws(GitError) {
        self.repository = repository
        pointer = try LibGit2.make("git_treebuilder_new") {
            git_treebuilder_new(&$0, repository.pointer, source?.pointer)
        }
    }

    deinit { git_treebuilder_free(pointer) }

    /// The number of entries (`git_treebuilder_entrycount`).
    var count: Int { git_treebuilder_entrycount(pointer) }

    /// The file mode of the entry called `name`, nil when there is none (`git_treebuilder_get`).
    func mode(of name: String) -> UInt32? {
        guard let entry = git_treebuilder_get(pointer, name) else { return nil }
        return git_tree_entry_filemode(entry).rawValue
    }

    /// Adds or replaces the entry called `name` (`git_treebuilder_insert`).
    func insert(_ name: String, id: ObjectID, mode: git_filemode_t) throws(GitError) {
        var oid = id.oid
        try LibGit2.call("git_treebuilder_insert") { git_treebuilder_insert(nil, pointer, name, &oid, mode) }
    }

    /// Removes the entry called `name` if there is one (`git_treebuilder_remove`).
    func remove(_ name: String) throws(GitError) {
        guard mode(of: name) != nil else { return }
        try LibGit2.call("git_treebuilder_remove") { git_treebuilder_remove(pointer, name) }
    }

    /// Writes the tree to the object database and returns its id (`git_treebuilder_write`).
    func write() throws(GitError) -> ObjectID {
        var oid = git_oid()
        try LibGit2.call("git_treebuilder_write") { git_treebuilder_write(&oid, pointer) }
        return ObjectID(oid)
    }
}
