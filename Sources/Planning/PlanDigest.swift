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
    /// lines (`-` for a missing value), gathered into one buffer and hashed at once: building a
    /// string per object cost five times the hashing, and feeding the hasher piece by piece a
    /// third more than this (30,000 objects, every full plan).
    public var digest: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(objects.count * 180)
        for (index, object) in objects.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\n")) }
            bytes.append(contentsOf: object.path.utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: (object.claimedDigest ?? "-").utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: (object.actualDigest ?? "-").utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: (object.state ?? "-").utf8)
        }
        return SHA256.hex(bytes)
    }
}
