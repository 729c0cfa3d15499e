/// Why a source tree could not list a directory or read a file. Becomes a `Diagnostic`.
enum SourceReadFailure: Error, Hashable, Sendable {
    /// The file is larger than the limit; its bytes were not read.
    case tooLarge(size: Int)
    /// The entry is not a regular file (e.g. it changed into a pipe after listing).
    case notRegular(String)
    /// The operating system or git refused, with its message (e.g. "Permission denied").
    case unreadable(String)
}
