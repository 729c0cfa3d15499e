#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable writes and deletes inside a node's folder: a file is replaced by writing a hidden
/// temporary file beside it, `fsync`, `rename` over the target, then `fsync` of the folder, so a
/// crash leaves either the old or the new bytes, never a mix.
extension FileSystem {
    /// Prefix and suffix of temporary files: hidden (observe never reads them) and named after
    /// their target, so a later write of the same target removes leftovers of a crash.
    static func temporaryPrefix(for name: String) -> String { ".\(name).agentplane-" }
    static let temporarySuffix = ".tmp"

    /// Creates `folder` and its missing parents below `root` (which must exist or be creatable),
    /// refusing to pass through a symlink or a file.
    static func makeFolders(root: String, components: [String]) throws(ExecutorError) {
        try makeFolder(root)
        var path = root
        for component in components {
            path += "/" + component
            switch try kind(of: path) {
            case .directory: continue
            case .missing: try makeFolder(path)
            case .symlink: throw .io(path, "is a symlink; agentplane does not write through links")
            default: throw .io(path, "exists and is not a folder")
            }
        }
    }

    private static func makeFolder(_ path: String) throws(ExecutorError) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            // The root's own parents: create them as `mkdir -p` would.
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            guard !parent.isEmpty, parent != path else { throw .io(path, Syscalls.describe(ENOENT)) }
            try makeFolder(parent)
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        }
        throw .io(path, Syscalls.describe(errno))
    }

    /// Atomically replaces (or creates) `folder/name` with `bytes`, mode 0644.
    static func writeAtomically(_ bytes: [UInt8], folder: String, name: String) throws(ExecutorError) {
        removeLeftovers(folder: folder, name: name)
        let suffix = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let temporary = folder + "/" + temporaryPrefix(for: name) + suffix + temporarySuffix
        let target = folder + "/" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(temporary, Syscalls.describe(errno)) }
        var written = 0
        var failure: ExecutorError?
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                failure = .io(temporary, Syscalls.describe(errno))
                break
            }
            written += count
        }
        if failure == nil, fsync(fd) != 0 { failure = .io(temporary, Syscalls.describe(errno)) }
        if close(fd) != 0, failure == nil { failure = .io(temporary, Syscalls.describe(errno)) }
        if failure == nil, rename(temporary, target) != 0 { failure = .io(target, Syscalls.describe(errno)) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        try syncFolder(folder)
    }

    /// Removes `folder/name` and makes the removal durable.
    static func removeDurably(folder: String, name: String) throws(ExecutorError) {
        let target = folder + "/" + name
        guard unlink(target) == 0 else {
            if errno == ENOENT { return }
            throw .io(target, Syscalls.describe(errno))
        }
        try syncFolder(folder)
    }

    /// Removes `folder` if it is empty (it never removes anything else).
    @discardableResult
    static func removeIfEmpty(_ folder: String) -> Bool {
        rmdir(folder) == 0
    }

    /// `fsync` of a folder, so a rename or unlink in it survives a crash.
    static func syncFolder(_ folder: String) throws(ExecutorError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(folder, Syscalls.describe(errno)) }
        defer { close(fd) }
        if fsync(fd) != 0, errno != EINVAL { throw .io(folder, Syscalls.describe(errno)) }
    }

    /// Deletes temporary files a crashed write of `name` left in `folder`.
    static func removeLeftovers(folder: String, name: String) {
        guard let names = try? names(in: folder) else { return }
        let prefix = temporaryPrefix(for: name)
        for leftover in names where leftover.hasPrefix(prefix) && leftover.hasSuffix(temporarySuffix) {
            unlink(folder + "/" + leftover)
        }
    }
}
