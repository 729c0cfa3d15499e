/// One non-directory entry of a git tree, found by ``Repository/files(under:at:maxBlobSize:)``.
///
/// `bytes` holds the content only for regular files (``Mode/blob``, ``Mode/executable``) no
/// larger than the limit the caller gave; symlinks, submodules and oversized files come with
/// `bytes == nil`, so the caller decides how to report them (by ``path``).
public struct TreeFile: Hashable, Sendable {
    /// What kind of entry this is, from its git file mode.
    public enum Mode: String, Hashable, Sendable {
        /// A regular file (100644).
        case blob
        /// An executable regular file (100755).
        case executable
        /// A symbolic link (120000); the blob holds the link target.
        case symlink
        /// A submodule (160000, a "gitlink"); the id is a commit of another repository.
        case submodule
    }

    /// Repository-relative, `/`-separated, e.g. `desired/agentpods/web.json`.
    public let path: String
    public let mode: Mode
    /// The blob's id, or for a submodule the id of the commit it points at.
    public let objectID: ObjectID
    /// The blob's size in bytes, from its header; nil for a submodule.
    public let size: Int?
    /// The content, for a regular file no larger than the limit; nil otherwise.
    public let bytes: [UInt8]?

    public init(path: String, mode: Mode, objectID: ObjectID, size: Int?, bytes: [UInt8]?) {
        self.path = path
        self.mode = mode
        self.objectID = objectID
        self.size = size
        self.bytes = bytes
    }

    /// Whether this is a regular file (plain or executable).
    public var isRegularFile: Bool { mode == .blob || mode == .executable }

    /// Whether this is a regular file left unread because it is larger than the limit.
    public var isOversized: Bool { isRegularFile && bytes == nil }
}
