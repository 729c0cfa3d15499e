#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import Formats
import PlaneModel

/// Reads one file of a node's folder and, if it carries agentplane's mark, observes it.
///
/// Only the head (64 KiB) is read first; a file without our mark there is dismissed unread, so
/// a 100 MB log in the folder costs one small read. A marked file is read whole up to 4 MiB
/// (rendered files are a few KiB); a larger marked file is hashed in 1 MiB chunks instead, and
/// its actual digest (of all its bytes) never matches the claimed one: it shows as drift.
struct ManagedFileReader {
    /// How a file is marked, from its name.
    enum Format: Equatable {
        case unit
        case manifest
    }

    static let headLimit = 64 * 1024
    static let wholeFileLimit = 4 * 1024 * 1024

    /// The format a file named `name` would carry our mark in; nil for names we never write
    /// (other extensions, and hidden names such as apply's temporary files).
    ///
    /// Decided on the name's bytes: hidden means a first byte `.`, as `ls` has it, and the
    /// extension is what follows the last `.` byte. (Splitting and searching the character
    /// views cost 10,000 instructions a file, two thirds of settling its digest.)
    static func format(ofName name: String) -> Format? {
        format(nameBytes: name.utf8[...])
    }

    /// The format of the file at the relative `path` (by its last component).
    static func format(ofPath path: String) -> Format? {
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return format(nameBytes: bytes[...]) }
        return format(nameBytes: bytes[bytes.index(after: slash)...])
    }

    private static func format(nameBytes name: Substring.UTF8View) -> Format? {
        guard name.first != UInt8(ascii: "."), let dot = name.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let suffix = name[name.index(after: dot)...]
        if UnitFileMarker.extensions.contains(where: { $0.utf8.elementsEqual(suffix) }) { return .unit }
        if ManifestMarker.extensions.contains(where: { $0.utf8.elementsEqual(suffix) }) { return .manifest }
        return nil
    }

    /// Whether two byte arrays are equal, compared with memcmp (Array's `==` goes byte by byte).
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                guard let l = left.baseAddress, let r = right.baseAddress else { return true }
                return memcmp(l, r, left.count) == 0
            }
        }
    }

    /// The observed object of the file at `path` (reported as `relativePath`), or nil when the
    /// file is not ours or stopped being a regular file. Unreadable files throw `io`.
    ///
    /// With `deferDigest`, a file kept whole comes back without its actual digest, for
    /// `ObservedDigests.settle` to fill in once the caller knows what the file should hold;
    /// a file too large to keep is hashed here as always.
    static func observe(
        path: String, relativePath: String, format: Format, deferDigest: Bool = false
    ) throws(ExecutorError) -> ObservedObject? {
        guard let file = try FileSystem.OpenFile(path) else { return nil }
        return try observe(file, relativePath: relativePath, format: format, deferDigest: deferDigest)
    }

    /// `observe(path:…)` of a file already open.
    static func observe(
        _ file: FileSystem.OpenFile, relativePath: String, format: Format, deferDigest: Bool = false
    ) throws(ExecutorError) -> ObservedObject? {
        let head = try file.read(upTo: headLimit)
        let complete = head.count < headLimit
        let claimed: String??
        switch format {
        case .unit: claimed = UnitFileMarker.claimedDigest(head: head)
        case .manifest: claimed = ManifestMarker.claimedDigest(head: head, complete: complete)
        }
        guard let claimedDigest = claimed else { return nil }

        var bytes = head
        if !complete {
            bytes += try file.read(upTo: wholeFileLimit + 1 - head.count)
        }
        if bytes.count > wholeFileLimit {
            var hasher = SHA256()
            hasher.update(bytes)
            try file.hashRest(into: &hasher)
            return ObservedObject(
                path: relativePath, claimedDigest: claimedDigest, actualDigest: SHA256.hexString(hasher.finalize()))
        }
        let actual = deferDigest ? nil : contentDigest(bytes, format)
        return ObservedObject(path: relativePath, claimedDigest: claimedDigest, actualDigest: actual, content: bytes)
    }

    /// The content digest `format` defines for a file holding `bytes`.
    static func contentDigest(_ bytes: [UInt8], _ format: Format) -> String {
        switch format {
        case .unit: UnitFileMarker.contentDigest(bytes)
        case .manifest: ManifestMarker.contentDigest(bytes)
        }
    }
}
