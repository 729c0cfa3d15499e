/// One name in a directory listing of a source tree (a directory on disk or a git tree).
struct SourceEntry: Hashable, Sendable {
    /// What the entry is, as far as reading documents is concerned.
    enum Kind: Hashable, Sendable {
        case directory
        /// A regular file (a blob in git) of `size` bytes.
        case file(size: Int)
        /// A symbolic link, with its target when it could be read.
        case symlink(target: String?)
        /// A git submodule (a gitlink entry in a tree).
        case submodule
        /// Anything else (named pipe, socket, device), described in words.
        case other(String)
    }

    var name: String
    var kind: Kind
}
