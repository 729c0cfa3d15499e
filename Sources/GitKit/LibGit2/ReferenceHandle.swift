import CGit2

/// Owns one `git_reference *` and frees it with `git_reference_free`.
final class ReferenceHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { git_reference_free(pointer) }
}
