import Formats
import Rendering

/// agentplane's mark on a Quadlet unit file: the file opens with `QuadletFileHeader`'s two lines.
///
/// ```
/// # Managed by agentplane. Do not edit.
/// # agentplane.dev/digest: <SHA-256 of the file without this line>
/// ```
///
/// Only the first line decides ownership: a file that does not start with it is not ours,
/// whatever it contains further down. The second line is the claimed digest; a missing or
/// garbled one claims nothing, so the file shows as drifted and apply rewrites it.
enum UnitFileMarker {
    /// Quadlet unit kinds agentplane renders.
    static let extensions: Set<String> = ["pod", "container", "volume", "network"]

    /// The claimed digest when `head` (the first bytes of a file) carries our header: `.some(nil)`
    /// for our file with no readable digest, nil when the file is not ours.
    static func claimedDigest(head: [UInt8]) -> String?? {
        let managed = Array((QuadletFileHeader.managedLine + "\n").utf8)
        guard head.starts(with: managed) else { return nil }
        let rest = head[managed.count...]
        let prefix = Array(QuadletFileHeader.digestPrefix.utf8)
        guard rest.starts(with: prefix), let end = rest.firstIndex(of: UInt8(ascii: "\n")) else { return .some(nil) }
        let value = String(decoding: rest[(rest.startIndex + prefix.count)..<end], as: UTF8.self)
        return .some(Digest.isSHA256(value) ? value : nil)
    }

    /// The content digest recomputed exactly as the renderer computed it.
    static func contentDigest(_ bytes: [UInt8]) -> String {
        QuadletFileHeader.check(bytes).actual
    }
}

/// Checks on digest strings.
enum Digest {
    /// True for 64 lower-case hexadecimal characters (a SHA-256 as the renderers write it).
    static func isSHA256(_ value: String) -> Bool {
        value.utf8.count == 64 && UTF8Scan.allSatisfy(value) { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
