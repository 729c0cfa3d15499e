import GitKit

/// A `SourceTree` over the files of a git commit, as listed by `Repository.files(under:at:maxBlobSize:)`.
///
/// GitKit reads the size of every blob from its header first and loads only the regular files
/// within the limit, so an oversized blob is never in memory; this type only answers the
/// collector's questions from that listing.
struct GitTree: SourceTree {
    private var filesByPath: [String: TreeFile] = [:]
    private var children: [String: Set<String>] = [:]

    init(files: [TreeFile]) {
        filesByPath.reserveCapacity(files.count)
        for file in files {
            filesByPath[file.path] = file
            // Register the file with its directory, then each directory with its parent, up
            // to the first directory already known (whose ancestors are known too).
            var path = Substring(file.path)
            while true {
                let (parent, name) = Self.split(path)
                let known = children[String(parent)] != nil
                children[String(parent), default: []].insert(String(name))
                if known || parent.isEmpty { break }
                path = parent
            }
        }
    }

    /// `a/b/c` → (`a/b`, `c`); `c` → (``, `c`).
    private static func split(_ path: Substring) -> (parent: Substring, name: Substring) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (path[..<slash], path[path.utf8.index(after: slash)...])
    }

    func entryKind(at path: String) throws(SourceReadFailure) -> SourceEntry.Kind? {
        if let file = filesByPath[path] { return Self.kind(of: file) }
        return children[path] == nil ? nil : .directory
    }

    func entries(of path: String) throws(SourceReadFailure) -> [SourceEntry] {
        (children[path] ?? []).map { name in
            let childPath = path.isEmpty ? name : path + "/" + name
            let kind = filesByPath[childPath].map(Self.kind(of:)) ?? .directory
            return SourceEntry(name: name, kind: kind)
        }
    }

    func contents(of path: String, limit: Int) throws(SourceReadFailure) -> [UInt8] {
        guard let file = filesByPath[path], file.isRegularFile else {
            throw .notRegular("not a regular file in the commit")
        }
        if let size = file.size, size > limit { throw .tooLarge(size: size) }
        guard let bytes = file.bytes else { throw .tooLarge(size: file.size ?? limit + 1) }
        if bytes.count > limit { throw .tooLarge(size: bytes.count) }
        return bytes
    }

    private static func kind(of file: TreeFile) -> SourceEntry.Kind {
        switch file.mode {
        case .blob, .executable: .file(size: file.size ?? 0)
        case .symlink: .symlink(target: nil)
        case .submodule: .submodule
        }
    }
}
