import CGit2

/// Walks trees breadth-first with an explicit work list (no recursion, however deep the tree)
/// and collects every non-directory entry as a ``TreeFile``.
struct TreeWalker {
    private let repository: RepositoryHandle
    private let objects: ObjectDatabaseHandle
    private let maxBlobSize: Int
    /// Trees still to read: their repository-relative path and id.
    private var pending: [(path: String, id: ObjectID)] = []
    /// Paths of trees already queued, so overlapping starting paths are read once.
    private var queued: Set<String> = []
    /// Files found so far, by path.
    private(set) var files: [String: TreeFile] = [:]

    init(repository: RepositoryHandle, maxBlobSize: Int) throws(GitError) {
        self.repository = repository
        self.objects = try repository.objectDatabase()
        self.maxBlobSize = max(0, maxBlobSize)
    }

    /// Records one entry found at `path`: a tree is queued, anything else becomes a file.
    mutating func add(_ entry: RawTreeEntry, at path: String) throws(GitError) {
        switch entry.mode {
        case GIT_FILEMODE_TREE.rawValue:
            if queued.insert(path).inserted { pending.append((path, entry.id)) }
        case GIT_FILEMODE_BLOB.rawValue, GIT_FILEMODE_BLOB_EXECUTABLE.rawValue:
            let (size, bytes) = try GitError.reading(entry.id, path: path) { () throws(GitError) in
                let size = try objects.size(of: entry.id)
                return (size, size <= maxBlobSize ? try repository.blob(entry.id).bytes() : nil)
            }
            let mode: TreeFile.Mode = entry.mode == GIT_FILEMODE_BLOB.rawValue ? .blob : .executable
            files[path] = TreeFile(path: path, mode: mode, objectID: entry.id, size: size, bytes: bytes)
        case GIT_FILEMODE_LINK.rawValue:
            let size = try GitError.reading(entry.id, path: path) { () throws(GitError) in try objects.size(of: entry.id) }
            files[path] = TreeFile(path: path, mode: .symlink, objectID: entry.id, size: size, bytes: nil)
        case GIT_FILEMODE_COMMIT.rawValue:
            files[path] = TreeFile(path: path, mode: .submodule, objectID: entry.id, size: nil, bytes: nil)
        default:
            throw .unsupportedEntry(path: path, mode: entry.mode)
        }
    }

    /// Queues a tree to be read, `path` being its location ("" for the root).
    mutating func addTree(_ id: ObjectID, at path: String) {
        if queued.insert(path).inserted { pending.append((path, id)) }
    }

    /// Reads queued trees until none is left.
    mutating func run() throws(GitError) {
        while let (path, id) = pending.popLast() {
            let tree = try GitError.reading(id, path: path.isEmpty ? "/" : path) { () throws(GitError) in
                try repository.tree(id)
            }
            for entry in tree.entries() {
                let name = try Self.name(of: entry, in: path)
                try add(entry, at: path.isEmpty ? name : path + "/" + name)
            }
        }
    }

    /// The entry's name as a string; not UTF-8, empty, `.`, `..` or containing `/` is an error.
    private static func name(of entry: RawTreeEntry, in path: String) throws(GitError) -> String {
        let prefix = path.isEmpty ? "" : path + "/"
        guard let name = String(validating: entry.name, as: UTF8.self) else {
            throw .invalidUTF8(what: "tree entry name", escaped: prefix + ByteEscaping.escape(entry.name))
        }
        if name.isEmpty || name == "." || name == ".." || name.contains("/") {
            throw .invalidArgument("tree entry '\(prefix + name)' has an invalid name")
        }
        return name
    }
}
