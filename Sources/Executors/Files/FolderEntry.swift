#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One name in a folder as `readdir` gives it: the bytes of the name and, where the file
/// system says, what it is.
struct FolderEntry {
    enum Kind: Equatable {
        case file
        case directory
        case symlink
        /// FIFOs, sockets, devices: never ours.
        case other
    }

    /// The name, NUL-terminated, for the `*at` calls.
    let cName: [CChar]
    /// What `readdir` says the entry is; nil where the file system does not say (`DT_UNKNOWN`).
    let kind: Kind?

    /// The name's bytes, without the NUL.
    var bytes: [UInt8] { cName.dropLast().map { UInt8(bitPattern: $0) } }

    var isHidden: Bool { cName.first == CChar(UInt8(ascii: ".")) }

    /// The name as text; nil when it is not UTF-8.
    var text: String? { String(validating: bytes, as: UTF8.self) }

    static func kind(_ mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .directory
        case S_IFLNK: .symlink
        default: .other
        }
    }

    #if canImport(Glibc)
        /// What `fdopendir` returns (opaque in Glibc).
        typealias Stream = OpaquePointer
    #else
        typealias Stream = UnsafeMutablePointer<DIR>
    #endif

    /// The entries of `directory` (without `.` and `..`), sorted by their bytes.
    static func all(_ directory: Stream, path: String) throws(ExecutorError) -> [FolderEntry] {
        var entries: [FolderEntry] = []
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
            let kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            entries.append(FolderEntry(cName: name, kind: kind))
        }
        entries.sort { strcmp($0.cName, $1.cName) < 0 }  // byte order (strcmp compares as unsigned char)
        return entries
    }
}
