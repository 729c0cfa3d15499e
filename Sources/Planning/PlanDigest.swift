import Formats
import PlaneModel

/// Digests that key plans: over a node's observation, and over lines of text.
public enum PlanDigest {
    /// SHA-256 (hex) over `lines` joined by newlines.
    public static func of(lines: [String]) -> String {
        SHA256.hex(Array(lines.joined(separator: "\n").utf8))
    }
}

extension NodeObservation {
    /// A digest of every owned object's path, claimed and actual digests and state: two
    /// observations with the same digest saw the same node.
    ///
    /// The same bytes as `PlanDigest.of(lines:)` over `"<path> <claimed> <actual> <state>"`
    /// lines (`-` for a missing value), fed to the hasher piece by piece: building a string per
    /// object cost five times the hashing (30,000 objects, every full plan).
    public var digest: String {
        var hasher = SHA256()
        func feed(_ byte: UInt8) { withUnsafeBytes(of: byte) { hasher.update(raw: $0) } }
        for (index, object) in objects.enumerated() {
            if index > 0 { feed(UInt8(ascii: "\n")) }
            hasher.update(object.path.utf8)
            feed(UInt8(ascii: " "))
            hasher.update((object.claimedDigest ?? "-").utf8)
            feed(UInt8(ascii: " "))
            hasher.update((object.actualDigest ?? "-").utf8)
            feed(UInt8(ascii: " "))
            hasher.update((object.state ?? "-").utf8)
        }
        return SHA256.hexString(hasher.finalize())
    }
}
