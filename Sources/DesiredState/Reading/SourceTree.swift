/// A read-only view of a repository's files: a directory on disk or a git commit's tree.
///
/// Paths are repository-relative with `/` separators and no leading slash; the root is `""`.
/// `SourceCollector` walks any `SourceTree` with the same checks, so a directory and a commit
/// are judged alike.
protocol SourceTree {
    /// What `path` is, or nil when nothing exists there. Symlinks are reported, never followed.
    func entryKind(at path: String) throws(SourceReadFailure) -> SourceEntry.Kind?
    /// The entries of the directory at `path`, in any order.
    func entries(of path: String) throws(SourceReadFailure) -> [SourceEntry]
    /// The bytes of the regular file at `path`; throws `tooLarge` without reading when the file
    /// has more than `limit` bytes.
    func contents(of path: String, limit: Int) throws(SourceReadFailure) -> [UInt8]
}
