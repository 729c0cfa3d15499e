#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `SourceTree` over a directory on disk, read with POSIX calls so that symlinks are never
/// followed (`lstat`, `O_NOFOLLOW`), pipes never block (`O_NONBLOCK`) and a file's size is
/// checked (`fstat`) before a single byte of it is read.
struct DirectoryTree: SourceTree {
    /// The absolute or working-directory-relative path of the repository root.
    let root: String

    private func fullPath(_ path: String) -> String {
        path.isEmpty ? root : root + "/" + path
    }

    func entryKind(at path: String) throws(SourceReadFailure) -> SourceEntry.Kind? {
        let full = fullPath(path)
        var info = stat()
        guard lstat(full, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw .unreadable(Self.message(code))
        }
        return Self.kind(of: info, path: full)
    }

    func entries(of path: String) throws(SourceReadFailure) -> [SourceEntry] {
        let full = fullPath(path)
        guard let directory = opendir(full) else { throw .unreadable(Self.message(errno)) }
        defer { closedir(directory) }
        var result: [SourceEntry] = []
        while let entry = readdir(directory) {
            let raw = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) }
            }
            let bytes = raw.map { UInt8(bitPattern: $0) }
            guard bytes != Array(".".utf8), bytes != Array("..".utf8) else { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = String(decoding: bytes, as: UTF8.self)
                result.append(SourceEntry(name: shown, kind: .other("a file whose name is not valid UTF-8")))
                continue
            }
            let childPath = path.isEmpty ? name : path + "/" + name
            let kind = try entryKind(at: childPath) ?? .other("an entry that vanished while listing")
            result.append(SourceEntry(name: name, kind: kind))
        }
        return result
    }

    func contents(of path: String, limit: Int) throws(SourceReadFailure) -> [UInt8] {
        let full = fullPath(path)
        let descriptor = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP { throw .notRegular("a symbolic link") }
            throw .unreadable(Self.message(code))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(Self.message(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .notRegular(Self.describe(mode: info.st_mode))
        }
        let size = Int(info.st_size)
        if size > limit { throw .tooLarge(size: size) }
        // Read at most limit + 1 bytes: a file that grows after fstat is still caught. The
        // buffer starts at the size fstat saw plus one byte (to notice growth) and grows only
        // with the file, so a small file never costs `limit` bytes of memory.
        var bytes = [UInt8](repeating: 0, count: min(size, limit) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if bytes.count > limit { break }
                bytes += repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .unreadable(Self.message(code))
            }
            if count == 0 { break }
            filled += count
        }
        if filled > limit { throw .tooLarge(size: max(size, filled)) }
        bytes.removeSubrange(filled...)
        return bytes
    }

    // MARK: - Helpers

    private static func kind(of info: stat, path: String) -> SourceEntry.Kind {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFLNK: return .symlink(target: linkTarget(path))
        default: return .other(describe(mode: info.st_mode))
        }
    }

    private static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    /// The target of the symlink at `path` (`readlink`), or nil when it cannot be read.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        let bytes = buffer[0..<count].map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `strerror(code)`, e.g. "Permission denied".
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
