import CGit2

/// Owns one `git_tree *` and frees it with `git_tree_free`.
final class TreeHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_tree_free(pointer) }

    /// The tree's id (`git_tree_id`).
    var id: ObjectID { ObjectID(git_tree_id(pointer).pointee) }

    /// Copies every entry, in git's order (`git_tree_entrycount`, `git_tree_entry_byindex`).
    func entries() -> [RawTreeEntry] {
        let count = git_tree_entrycount(pointer)
        var entries: [RawTreeEntry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            if let entry = git_tree_entry_byindex(pointer, index) { entries.append(RawTreeEntry(entry)) }
        }
        return entries
    }

    /// Copies the entry at a `/`-separated path below this tree, nil when there is none
    /// (`git_tree_entry_bypath`).
    func entry(atPath path: String) throws(GitError) -> RawTreeEntry? {
        do {
            let owned = TreeEntryHandle(try LibGit2.make("git_tree_entry_bypath") {
                git_tree_entry_bypath(&$0, pointer, path)
            })
            return owned.copy()
        } catch .library(let failure) where failure.isNotFound {
            return nil
        }
    }
}

/// Owns one `git_tree_entry *` returned by `git_tree_entry_bypath`; frees it with `git_tree_entry_free`.
final class TreeEntryHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { git_tree_entry_free(pointer) }

    /// Copies the entry.
    func copy() -> RawTreeEntry { RawTreeEntry(pointer) }
}

/// A tree entry copied out of libgit2: its name as raw bytes, its object id and its file mode.
struct RawTreeEntry {
    let name: [UInt8]
    let id: ObjectID
    let mode: UInt32

    /// Copies a borrowed `const git_tree_entry *` (`git_tree_entry_name`, `_id`, `_filemode`).
    init(_ entry: OpaquePointer) {
        name = git_tree_entry_name(entry).map(LibGit2.bytes) ?? []
        id = ObjectID(git_tree_entry_id(entry).pointee)
        mode = git_tree_entry_filemode(entry).rawValue
    }
}
