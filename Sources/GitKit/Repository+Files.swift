import Formats

/// Reading files from a commit's tree, never from a work tree.
extension Repository {
    /// Every file under the given paths in a commit's tree, sorted by path (byte order).
    ///
    /// Each path may name a directory (walked to any depth) or a single file; a path with
    /// nothing behind it adds nothing, and `""` names the whole tree. Regular files no larger
    /// than `maxBlobSize` bytes come with their content; the size is read from the object header
    /// first (`git_odb_read_header`), so an oversized blob is never loaded. Symlinks, submodules
    /// and oversized files are listed with `bytes == nil` for the caller to judge.
    /// - Throws: ``GitError/invalidUTF8(what:escaped:)`` for an entry name that is not UTF-8,
    ///   naming its path with the raw bytes escaped; a ``GitError/library(_:)`` for a corrupt
    ///   or missing object.
    public func files(under paths: [String], at commit: ObjectID, maxBlobSize: Int) throws(GitError) -> [TreeFile] {
        var starts: [TreePath] = []
        for path in paths { starts.append(try TreePath(path)) }
        let root = try GitError.reading(commit) { () throws(GitError) in try handle.commit(commit).tree() }
        var walker = try TreeWalker(repository: handle, maxBlobSize: maxBlobSize)
        for start in starts {
            if start.isRoot {
                walker.addTree(root.id, at: "")
            } else if let entry = try root.entry(atPath: start.text) {
                try walker.add(entry, at: start.text)
            }
        }
        try walker.run()
        return walker.files.values.sorted { ByteOrder.precedes($0.path, $1.path) }
    }
}
