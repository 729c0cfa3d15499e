import Formats
import PlaneModel

/// The desired-state files of one source (a directory or a git commit) and the problems found
/// while reading them.
///
/// `files` holds only files that passed every read check (regular file, within the size
/// limit, UTF-8 text); every other problem is in `diagnostics`. Both are sorted.
public struct DesiredSources: Hashable, Sendable {
    /// Where the files came from, for humans: a directory path, or `path@revision`.
    public var origin: String
    /// The commit the files were read from (full hex id), or nil for a directory.
    public var commit: String?
    /// The files to validate, sorted by path (byte order).
    public var files: [SourceFile]
    /// Read problems (symlinks, oversized or binary files, missing directories…), sorted.
    public var diagnostics: [Diagnostic]

    public init(origin: String, commit: String? = nil, files: [SourceFile], diagnostics: [Diagnostic] = []) {
        self.origin = origin
        self.commit = commit
        self.files = files.sorted { ByteOrder.precedes($0.path, $1.path) }
        self.diagnostics = diagnostics.sorted()
    }
}
