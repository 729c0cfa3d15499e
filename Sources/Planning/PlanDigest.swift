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
    public var digest: String {
        PlanDigest.of(lines: objects.map {
            "\($0.path) \($0.claimedDigest ?? "-") \($0.actualDigest ?? "-") \($0.state ?? "-")"
        })
    }
}
