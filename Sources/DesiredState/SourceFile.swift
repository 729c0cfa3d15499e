/// One desired-state file as read from a directory or a git tree: its path and its bytes.
///
/// `path` is relative to the repository root and always uses `/`, e.g.
/// `desired/agentpods/web.json` or `fleet/inventory.json`.
public struct SourceFile: Hashable, Sendable {
    /// The repository-relative path, e.g. `desired/agentpods/web.json`.
    public var path: String
    /// The file's bytes: valid UTF-8 without NUL bytes when produced by `DesiredStateReader`.
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Convenience for tests and tools: a file whose bytes are `text` in UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
