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
        var walk = TreeWalk(root: root, maximumDepth: maximumDepth, scanner: nil, trustedBefore: trustedBefore)
        let outcome = try walk.run()
        if let failure = outcome.fingerprintFailure { throw failure }
        return outcome.fingerprint
    }

    /// The wall-clock time in nanoseconds since the epoch (the clock file times come from).
    static func nowNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

/// The bytes a fingerprint hashes, entry by entry, and whether an entry was too fresh.
struct FingerprintEntries {
    var bytes: [UInt8] = []
    let trustedBefore: Int64
    /// An entry changed within the racy window: the tree gets no fingerprint.
    private(set) var racy = false

    init(trustedBefore: Int64) {
        self.trustedBefore = trustedBefore
        bytes.reserveCapacity(4096)
    }

    /// One entry: `relative/name`, a NUL, then mode, size, inode and both times (nanoseconds)
    /// as 64-bit little-endian integers. An entry other than a folder that changed at or after
    /// `trustedBefore` makes the walk racy instead.
    mutating func append(name: [CChar], relative: [UInt8], _ info: stat) {
        guard !racy else { return }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        if !isFolder, max(Self.nanoseconds(info.st_mtim), Self.nanoseconds(info.st_ctim)) >= trustedBefore {
            racy = true
            return
        }
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

    static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
