import Formats

/// The two comment lines that open every Quadlet file agentplane writes, and the check an
/// observer runs to tell an untouched file from a hand-edited one.
///
/// ```
/// # Managed by agentplane. Do not edit.
/// # agentplane.dev/digest: <SHA-256 of the file without this line>
/// ```
public enum QuadletFileHeader {
    public static let managedLine = "# Managed by agentplane. Do not edit."
    public static let digestPrefix = "# agentplane.dev/digest: "

    /// What a file on a node says about itself.
    public struct Check: Hashable, Sendable {
        /// The digest the header records, or nil when the file has no digest line.
        public var recorded: String?
        /// SHA-256 of the file with its first digest line removed.
        public var actual: String
        /// True when the header is present and the content still matches it.
        public var isUnmodified: Bool { recorded == actual }
    }

    /// Recomputes the content digest of `bytes` (a file read back from a unit directory).
    public static func check(_ bytes: [UInt8]) -> Check {
        let prefix = Array(digestPrefix.utf8)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            if line.starts(with: prefix) {
                let recorded = String(decoding: line.dropFirst(prefix.count), as: UTF8.self)
                let afterLine = min(end + 1, bytes.count)
                let content = Array(bytes[..<start]) + Array(bytes[afterLine...])
                return Check(recorded: recorded, actual: SHA256.hex(content))
            }
            start = end + 1
        }
        return Check(recorded: nil, actual: SHA256.hex(bytes))
    }
}
