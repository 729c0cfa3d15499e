import CGit2

/// Owns one `git_blob *` and frees it with `git_blob_free`.
final class BlobHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_blob_free(pointer) }

    /// The content's size in bytes (`git_blob_rawsize`).
    var size: Int { Int(git_blob_rawsize(pointer)) }

    /// Copies the content (`git_blob_rawcontent`).
    func bytes() -> [UInt8] {
        let size = self.size
        guard size > 0, let raw = git_blob_rawcontent(pointer) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }
}
