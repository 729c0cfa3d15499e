#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import Formats
import PlaneModel

/// One walk of a node's folder, through descriptors: it observes the files agentplane owns
/// (`ManagedTreeScanner`), fingerprints the tree (`FileSystem.fingerprint`), or both at once.
///
/// Both at once is what the full pipeline needs: every owned file is opened once, and the
/// `fstat` of its descriptor, taken before the file is read, is also its fingerprint entry, so
/// no path is resolved twice and no folder is listed twice. The entry is what `fstatat` without
/// following links reports, because the file was opened without following one: the fingerprint
/// is byte for byte the one the fingerprint alone gives (the fast path compares them). A file
/// changed after its `fstat` changes its times, so the next fingerprint differs.
///
/// Observing sees non-hidden names that are UTF-8 (agentplane never writes others); the
/// fingerprint sees every entry, hidden folders too, down to `maximumDepth`. A fingerprint that
/// cannot be taken (an entry too fresh, an unreadable hidden folder) leaves the observation as
/// it is; an error while observing fails the walk.
struct TreeWalk {
    let root: String
    let maximumDepth: Int
    /// What to observe; nil: fingerprint only.
    let scanner: ManagedTreeScanner?
    /// Entries that changed at or after this time (nanoseconds) make the tree too fresh to
    /// fingerprint; nil: no fingerprint.
    let trustedBefore: Int64?

    /// What a walk found.
    struct Outcome {
        var objects: [ObservedObject] = []
        /// nil when not asked for, too fresh, or not taken (`fingerprintFailure` says why).
        var fingerprint: String?
        var fingerprintFailure: ExecutorError?
    }

    private var objects: [ObservedObject] = []
    /// The bytes the fingerprint hashes, while it is still being taken.
    private var print: FingerprintEntries?
    private var printFailure: ExecutorError?

    init(root: String, maximumDepth: Int, scanner: ManagedTreeScanner?, trustedBefore: Int64?) {
        self.root = root
        self.maximumDepth = maximumDepth
        self.scanner = scanner
        self.trustedBefore = trustedBefore
    }

    /// Walks the tree. Throws what observing met; a fingerprint's own failure is in the outcome.
    mutating func run() throws(ExecutorError) -> Outcome {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return try missingRoot(errno) }
        if let trustedBefore {
            var info = stat()
            if fstat(fd, &info) == 0 {
                print = FingerprintEntries(trustedBefore: trustedBefore)
                print?.append(name: Array("root".utf8CString), relative: [], info)
            } else {
                printFailure = .io(root, Syscalls.describe(errno))
            }
        }
        try folder(fd, path: root, relative: [], depth: 0, observing: scanner != nil)
        var outcome = Outcome(objects: objects, fingerprintFailure: printFailure)
        if let print, !print.racy, printFailure == nil {
            outcome.fingerprint = SHA256.hex(print.bytes)
        }
        return outcome
    }

    /// The outcome for a root that cannot be opened with `code`: a missing root holds nothing
    /// and has the fingerprint of an empty tree; a root below a file holds nothing either (for
    /// observing) but is not a directory (for the fingerprint); a root that is a file is an error.
    private func missingRoot(_ code: Int32) throws(ExecutorError) -> Outcome {
        let empty = trustedBefore == nil ? nil : SHA256.hex([])
        if code == ENOENT { return Outcome(fingerprint: empty) }
        let failure = ExecutorError.io(root, code == ENOTDIR ? "not a directory" : Syscalls.describe(code))
        guard scanner != nil else { throw failure }
        if code == ENOTDIR {
            var info = stat()
            guard stat(root, &info) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { return Outcome(fingerprintFailure: failure) }
                throw .io(root, Syscalls.describe(errno))
            }
        }
        throw failure
    }

    /// Whether the fingerprint is still being taken (asked for, not too fresh, not failed).
    private var fingerprinting: Bool {
        if let print { return !print.racy && printFailure == nil }
        return false
    }

    /// Walks the open folder `fd` (taken over and closed) in byte order of its names,
    /// descending into subfolders up to the maximum depth while either walk needs them.
    private mutating func folder(_ fd: Int32, path: String, relative: [UInt8], depth: Int, observing: Bool) throws(ExecutorError) {
        guard let directory = fdopendir(fd) else {
            let code = errno
            close(fd)
            return try fail(.io(path, Syscalls.describe(code)), observing: observing)
        }
        defer { closedir(directory) }
        let entries: [FolderEntry]
        do {
            entries = try FolderEntry.all(directory, path: path)
        } catch {
            return try fail(error, observing: observing)
        }
        for entry in entries {
            guard fingerprinting || observing else { return }
            try visit(entry, in: fd, path: path, relative: relative, depth: depth, observing: observing)
        }
    }

    /// One entry of a folder: its fingerprint entry (a `fstatat`, or the `fstat` of the file
    /// opened to observe it), the file observed, or the subfolder walked.
    private mutating func visit(
        _ entry: FolderEntry, in fd: Int32, path: String, relative: [UInt8], depth: Int, observing folderObserved: Bool
    ) throws(ExecutorError) {
        // Hidden names and names that are not UTF-8 are never ours.
        let name = folderObserved && !entry.isHidden ? entry.text : nil
        guard name != nil || fingerprinting else { return }  // neither walk needs this entry
        let scanner = self.scanner
        let format = { (kind: FolderEntry.Kind?) in kind == .file ? name.flatMap { scanner?.format($0) } : nil }
        var kind = entry.kind
        var info = stat()
        var stated = false
        // Stat when the file system does not say what the entry is, or when the fingerprint
        // needs an entry that is not opened below.
        if kind == nil || (fingerprinting && format(kind) == nil) {
            guard try statEntry(entry, in: fd, path: path, into: &info, forObserving: name != nil && kind == nil) else { return }
            stated = true
            kind = FolderEntry.kind(info.st_mode)
        }
        if let format = format(kind), let name, let scanner {
            let filePath = Self.join(path, entry)
            let opened = openat(fd, entry.cName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if opened >= 0 {
                guard fstat(opened, &info) == 0 else {
                    let code = errno
                    close(opened)
                    throw .io(filePath, Syscalls.describe(code))
                }
                appendToFingerprint(entry, relative: relative, info)
                guard FolderEntry.kind(info.st_mode) == .file else {
                    close(opened)  // replaced by a FIFO or a folder since the folder was read: not ours
                    return
                }
                let file = FileSystem.OpenFile(adopting: opened, path: filePath, size: Int(info.st_size))
                let relativePath = relative.isEmpty ? name : String(decoding: relative, as: UTF8.self) + "/" + name
                if let object = try ManagedFileReader.observe(
                    file, relativePath: relativePath, format: format, deferDigest: scanner.deferDigests) {
                    objects.append(object)
                }
                return
            }
            // Replaced by a symlink, or removed, since the folder was read: not ours.
            guard errno == ELOOP || errno == ENOENT else { throw .io(filePath, Syscalls.describe(errno)) }
            if !stated {
                guard fingerprinting, try statEntry(entry, in: fd, path: path, into: &info, forObserving: false) else { return }
                stated = true
                kind = FolderEntry.kind(info.st_mode)
            }
        }
        if stated { appendToFingerprint(entry, relative: relative, info) }
        guard kind == .directory, depth < maximumDepth else { return }
        let descend = name != nil && scanner?.recursive == true
        guard descend || fingerprinting else { return }
        let child = openat(fd, entry.cName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else {
            if errno == ENOENT || errno == ENOTDIR || errno == ELOOP { return }  // replaced while we read
            return try fail(.io(Self.join(path, entry), Syscalls.describe(errno)), observing: descend)
        }
        var childRelative = relative
        if !childRelative.isEmpty { childRelative.append(UInt8(ascii: "/")) }
        childRelative += entry.bytes
        try folder(child, path: Self.join(path, entry), relative: childRelative, depth: depth + 1, observing: descend)
    }

    /// `fstatat` of `entry` without following a link: false when it is gone (or failed where
    /// only the fingerprint needed it); an error observing needed it for is thrown.
    private mutating func statEntry(
        _ entry: FolderEntry, in fd: Int32, path: String, into info: inout stat, forObserving: Bool
    ) throws(ExecutorError) -> Bool {
        guard fstatat(fd, entry.cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return false }  // removed while we read: the next walk sees it gone
            try fail(.io(Self.join(path, entry), Syscalls.describe(errno)), observing: forObserving)
            return false
        }
        return true
    }

    /// An error met while walking: observing fails with it; a part only the fingerprint needed
    /// leaves no fingerprint.
    private mutating func fail(_ error: ExecutorError, observing: Bool) throws(ExecutorError) {
        if observing || print == nil { throw error }
        if printFailure == nil { printFailure = error }
    }

    private mutating func appendToFingerprint(_ entry: FolderEntry, relative: [UInt8], _ info: stat) {
        guard fingerprinting else { return }
        print?.append(name: entry.cName, relative: relative, info)
    }

    static func join(_ path: String, _ entry: FolderEntry) -> String {
        let text = String(decoding: entry.bytes, as: UTF8.self)
        return path.hasSuffix("/") ? path + text : path + "/" + text
    }
}

extension ManagedTreeScanner {
    /// The format of a file named `name` if this scan observes it.
    func format(_ name: String) -> ManagedFileReader.Format? {
        guard let format = ManagedFileReader.format(ofName: name), formats.contains(format) else { return nil }
        return format
    }
}
