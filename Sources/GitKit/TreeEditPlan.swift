/// The changes of one commit grouped by directory, checked for conflicts, deepest directory first.
///
/// Pure: no libgit2. ``Repository/writeCommit(on:parent:files:removing:message:author:committer:)``
/// turns each directory into one `git_treebuilder`.
struct TreeEditPlan {
    /// Directories to rebuild ("" is the root), deepest first, then by path.
    private(set) var directories: [String] = []
    /// Files to write, by directory: entry name → content.
    private(set) var writes: [String: [String: [UInt8]]] = [:]
    /// Entries to remove, by directory.
    private(set) var removals: [String: [String]] = [:]
    /// Rebuilt subdirectories, by parent directory: entry name → full path.
    private(set) var children: [String: [String: String]] = [:]
    /// Every path named in `removing`, normalised.
    private(set) var removedPaths: Set<String> = []

    init(files: [String: [UInt8]], removing: [String]) throws(GitError) {
        var written: [String: [UInt8]] = [:]
        for (raw, bytes) in files {
            let path = try Self.filePath(raw)
            if written.updateValue(bytes, forKey: path.text) != nil {
                throw .invalidArgument("path '\(path.text)' is written twice")
            }
        }
        for raw in removing {
            let path = try Self.filePath(raw)
            if written[path.text] != nil { throw .invalidArgument("path '\(path.text)' is both written and removed") }
            removedPaths.insert(path.text)
        }
        var directorySet: Set<String> = [""]
        for (text, bytes) in written {
            let (directory, name) = Self.split(text)
            writes[directory, default: [:]][name] = bytes
            try addAncestors(of: text, to: &directorySet, written: written)
        }
        for text in removedPaths {
            let (directory, name) = Self.split(text)
            removals[directory, default: []].append(name)
            try addAncestors(of: text, to: &directorySet, written: written)
        }
        for directory in directorySet where !directory.isEmpty {
            let (parent, name) = Self.split(directory)
            children[parent, default: [:]][name] = directory
        }
        directories = directorySet.sorted { lhs, rhs in
            let (left, right) = (Self.depth(lhs), Self.depth(rhs))
            return left != right ? left > right : lhs < rhs
        }
    }

    /// Adds every directory above `path`, refusing a directory that is also written as a file.
    private func addAncestors(
        of path: String, to set: inout Set<String>, written: [String: [UInt8]]
    ) throws(GitError) {
        var directory = Self.split(path).directory
        while !directory.isEmpty {
            if written[directory] != nil {
                throw .invalidArgument("path '\(directory)' is written as a file and used as a directory")
            }
            set.insert(directory)
            directory = Self.split(directory).directory
        }
    }

    private static func filePath(_ raw: String) throws(GitError) -> TreePath {
        let path = try TreePath(raw)
        if path.isRoot { throw .invalidArgument("an empty path cannot be written or removed") }
        return path
    }

    /// `a/b/c` → (`a/b`, `c`); `c` → (``, `c`).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    private static func depth(_ path: String) -> Int {
        path.isEmpty ? 0 : path.utf8.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
    }
}
