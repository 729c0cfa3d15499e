import CGit2
import Formats

/// Walks trees breadth-first with an explicit work list (no recursion, however deep the tree)
/// and collects every non-directory entry as a ``TreeFile``.
///
/// Blobs are read after the walk: many of them (a repository of thousands of documents) are
/// read on every core, each worker through its own repository handle (libgit2 objects are not
/// shared between threads).
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
    /// Regular files found by the walk, read by `run()` once every tree is read.
    private var blobs: [PendingBlob] = []

    /// Blobs at least this many are read in parallel.
    static let parallelBlobCount = 256

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
            let mode: TreeFile.Mode = entry.mode == GIT_FILEMODE_BLOB.rawValue ? .blob : .executable
            blobs.append(PendingBlob(path: path, mode: mode, id: entry.id))
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

    /// Reads queued trees until none is left, then every blob found.
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
        let found = blobs
        blobs = []
        let read: [Result<TreeFile, GitError>]
        if found.count < Self.parallelBlobCount {
            let reader = BlobReader(repository: repository, objects: objects, maxBlobSize: maxBlobSize)
            read = found.map { blob in Result { () throws(GitError) in try reader.read(blob) } }
        } else {
            read = try Self.readInParallel(found, gitDirectory: repository.gitDirectory(), maxBlobSize: maxBlobSize)
        }
        for result in read {
            let file = try result.get()
            files[file.path] = file
        }
    }

    /// Reads `blobs` in chunks on every core, each chunk through a repository handle of its own.
    private static func readInParallel(
        _ blobs: [PendingBlob], gitDirectory: String, maxBlobSize: Int
    ) throws(GitError) -> [Result<TreeFile, GitError>] {
        let chunkCount = 16
        let chunks = (0..<chunkCount).map { chunk in
            Array(blobs[(blobs.count * chunk / chunkCount)..<(blobs.count * (chunk + 1) / chunkCount)])
        }
        let results = chunks.concurrentMap(minimumCount: 2) { chunk -> [Result<TreeFile, GitError>] in
            do throws(GitError) {
                let handle = try RepositoryHandle.open(gitDirectory)
                let reader = BlobReader(repository: handle, objects: try handle.objectDatabase(), maxBlobSize: maxBlobSize)
                return chunk.map { blob in Result { () throws(GitError) in try reader.read(blob) } }
            } catch {
                return chunk.map { _ in .failure(error) }
            }
        }
        return results.flatMap { $0 }
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

/// A regular file the walk found, not read yet.
struct PendingBlob: Sendable {
    var path: String
    var mode: TreeFile.Mode
    var id: ObjectID
}

/// Reads blobs through one repository handle: the size from the object header first, so an
/// oversized blob is never loaded.
private struct BlobReader {
    let repository: RepositoryHandle
    let objects: ObjectDatabaseHandle
    let maxBlobSize: Int

    func read(_ blob: PendingBlob) throws(GitError) -> TreeFile {
        let (size, bytes) = try GitError.reading(blob.id, path: blob.path) { () throws(GitError) in
            let size = try objects.size(of: blob.id)
            return (size, size <= maxBlobSize ? try repository.blob(blob.id).bytes() : nil)
        }
        return TreeFile(path: blob.path, mode: blob.mode, objectID: blob.id, size: size, bytes: bytes)
    }
}
