#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import Formats

extension FileSystem {
    /// A cheap fingerprint of a folder tree from `lstat` alone: every entry's relative path,
    /// kind, size, inode, and modification and change times in nanoseconds, hashed. Equal
    /// fingerprints mean nothing in the tree was written since (as git's index decides a file
    /// is clean), so a caller may reuse what it learned from reading the files last time.
    /// A missing root has the fingerprint of an empty tree.
    static func fingerprint(root: String, maximumDepth: Int) throws(ExecutorError) -> String {
        var hasher = SHA256()
        var pending: [(path: String, relative: String, depth: Int)] = [(root, "", 0)]
        var info = stat()
        guard stat(root, &info) == 0 else {
            if errno == ENOENT { return SHA256.hex([]) }
            throw .io(root, Syscalls.describe(errno))
        }
        hasher.update(Array("root \(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n".utf8))
        while let folder = pending.popLast() {
            for name in try names(in: folder.path) {
                let path = folder.path.hasSuffix("/") ? folder.path + name : folder.path + "/" + name
                let relative = folder.relative.isEmpty ? name : folder.relative + "/" + name
                guard lstat(path, &info) == 0 else {
                    if errno == ENOENT { continue }
                    throw .io(path, Syscalls.describe(errno))
                }
                let line = "\(relative)\u{0} \(info.st_mode) \(info.st_size) \(info.st_ino) "
                    + "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)\n"
                hasher.update(Array(line.utf8))
                if info.st_mode & S_IFMT == S_IFDIR, folder.depth < maximumDepth {
                    pending.append((path, relative, folder.depth + 1))
                }
            }
        }
        return SHA256.hexString(hasher.finalize())
    }
}
