#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import Formats

extension FileSystem {
    /// How long ago an entry must have last changed for a fingerprint to vouch for it (2 s,
    /// covering file systems that keep times to the second or to two).
    ///
    /// A file's times come from a clock that ticks coarsely, so a file written at the moment its
    /// fingerprint is taken could be written again in the same tick with the same size and the
    /// same times: the fingerprint would not change although the content did (git calls such an
    /// index entry "racy"). An entry that changed within the window therefore gives no
    /// fingerprint at all, and the caller observes the node instead.
    static let racyWindowNanoseconds: Int64 = 2_000_000_000

    /// A cheap fingerprint of a folder tree from `fstatat` alone: every entry's relative path,
    /// kind and permissions, size, inode, and modification and change times in nanoseconds,
    /// hashed. Equal fingerprints mean nothing in the tree was written, added, removed or
    /// renamed since (as git's index decides a file is clean), so a caller may reuse what it
    /// learned from reading the files last time.
    ///
    /// Every file is stat'ed (an edit in place changes only the file's own times, not its
    /// folder's); folders are read through descriptors (`openat`, `fstatat` on a name), so no
    /// path is resolved twice. Symlinks are not followed below the root. Hidden names count too.
    ///
    /// - Parameter changedBefore: entries that changed at or after this time (nanoseconds since
    ///   the epoch) make the tree too fresh to fingerprint; nil means now minus the racy window.
    /// - Returns: the fingerprint, the fingerprint of an empty tree for a missing root, or nil
    ///   when an entry changed too recently to be vouched for.
    static func fingerprint(root: String, maximumDepth: Int, changedBefore: Int64? = nil) throws(ExecutorError) -> String? {
        let trustedBefore = changedBefore ?? (Self.nowNanoseconds() - Self.racyWindowNanoseconds)
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return SHA256.hex([]) }
            throw .io(root, errno == ENOTDIR ? "not a directory" : Syscalls.describe(errno))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw .io(root, Syscalls.describe(code))
        }
        var walk = FingerprintWalk(trustedBefore: trustedBefore, maximumDepth: maximumDepth)
        walk.bytes.reserveCapacity(4096)
        walk.append(name: Array("root".utf8CString), relative: [], info)
        try walk.folder(fd, path: root, relative: [], depth: 0)
        return walk.racy ? nil : SHA256.hex(walk.bytes)
    }

    /// The wall-clock time in nanoseconds since the epoch (the clock file times come from).
    static func nowNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

#if canImport(Glibc)
    /// What `fdopendir` returns (opaque in Glibc).
    private typealias DirectoryStream = OpaquePointer
#else
    private typealias DirectoryStream = UnsafeMutablePointer<DIR>
#endif

/// One fingerprint walk: the bytes to hash, in a fixed order, and whether an entry was too fresh.
private struct FingerprintWalk {
    var bytes: [UInt8] = []
    let trustedBefore: Int64
    let maximumDepth: Int
    /// An entry changed within the racy window: the walk stops and gives no fingerprint.
    var racy = false

    init(trustedBefore: Int64, maximumDepth: Int) {
        self.trustedBefore = trustedBefore
        self.maximumDepth = maximumDepth
    }

    /// Hashes the entries of the open folder `fd` (which it takes over and closes) in byte
    /// order of their names, descending into subfolders up to the maximum depth.
    mutating func folder(_ fd: Int32, path: String, relative: [UInt8], depth: Int) throws(ExecutorError) {
        guard let directory = fdopendir(fd) else {
            let code = errno
            close(fd)
            throw .io(path, Syscalls.describe(code))
        }
        defer { closedir(directory) }
        let names = try Self.names(directory, path: path)
        var info = stat()
        for name in names {
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT { continue }  // removed while we read: the next walk sees it gone
                throw .io(Self.join(path, name), Syscalls.describe(errno))
            }
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if !isFolder, max(Self.nanoseconds(info.st_mtim), Self.nanoseconds(info.st_ctim)) >= trustedBefore {
                racy = true
                return
            }
            append(name: name, relative: relative, info)
            guard isFolder, depth < maximumDepth else { continue }
            let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else {
                if errno == ENOENT || errno == ENOTDIR || errno == ELOOP { continue }  // replaced while we read
                throw .io(Self.join(path, name), Syscalls.describe(errno))
            }
            var childRelative = relative
            if !childRelative.isEmpty { childRelative.append(UInt8(ascii: "/")) }
            childRelative += name.dropLast().map { UInt8(bitPattern: $0) }
            try folder(child, path: Self.join(path, name), relative: childRelative, depth: depth + 1)
            if racy { return }
        }
    }

    /// One entry: `relative/name`, a NUL, then mode, size, inode and both times (nanoseconds)
    /// as 64-bit little-endian integers.
    mutating func append(name: [CChar], relative: [UInt8], _ info: stat) {
        if !relative.isEmpty {
            bytes += relative
            bytes.append(UInt8(ascii: "/"))
        }
        for byte in name { bytes.append(UInt8(bitPattern: byte)) }  // ends with its NUL
        append(Int64(info.st_mode))
        append(Int64(info.st_size))
        append(Int64(bitPattern: UInt64(info.st_ino)))
        append(Self.nanoseconds(info.st_mtim))
        append(Self.nanoseconds(info.st_ctim))
    }

    private mutating func append(_ field: Int64) {
        withUnsafeBytes(of: field.littleEndian) { bytes += $0 }
    }

    /// The names in `directory` (NUL-terminated, without `.` and `..`), sorted by their bytes.
    static func names(_ directory: DirectoryStream, path: String) throws(ExecutorError) -> [[CChar]] {
        var names: [[CChar]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw .io(path, Syscalls.describe(errno)) }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: 256) { start in
                    Array(UnsafeBufferPointer(start: start, count: strlen(start) + 1))
                }
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            names.append(name)
        }
        names.sort { strcmp($0, $1) < 0 }  // byte order (strcmp compares as unsigned char)
        return names
    }

    static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func join(_ path: String, _ name: [CChar]) -> String {
        let text = String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasSuffix("/") ? path + text : path + "/" + text
    }
}
