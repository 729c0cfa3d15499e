import CGit2

/// Owns one `git_diff *` and frees it with `git_diff_free`.
final class DiffHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    /// Compares two trees (`git_diff_tree_to_tree`, default options: no rename detection).
    init(_ repository: RepositoryHandle, from old: TreeHandle, to new: TreeHandle) throws(GitError) {
        self.repository = repository
        pointer = try LibGit2.make("git_diff_tree_to_tree") {
            git_diff_tree_to_tree(&$0, repository.pointer, old.pointer, new.pointer, nil)
        }
    }

    deinit { git_diff_free(pointer) }

    /// The old and new path of every delta (`git_diff_num_deltas`, `git_diff_get_delta`).
    func paths() throws(GitError) -> Set<String> {
        var paths: Set<String> = []
        for index in 0..<git_diff_num_deltas(pointer) {
            guard let delta = git_diff_get_delta(pointer, index) else { continue }
            for raw in [delta.pointee.old_file.path, delta.pointee.new_file.path] {
                guard let raw else { continue }
                let bytes = LibGit2.bytes(raw)
                guard let path = String(validating: bytes, as: UTF8.self) else {
                    throw .invalidUTF8(what: "changed path", escaped: ByteEscaping.escape(bytes))
                }
                paths.insert(path)
            }
        }
        return paths
    }
}
