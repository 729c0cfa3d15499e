import Formats

/// One Quadlet file being built: sections of `Key=value` lines whose values are already escaped.
///
/// Serialises deterministically: sections in ``QuadletKeys/sectionOrder``, keys within a section
/// in ``QuadletKeys/allowed`` order (repeated keys keep the order they were added in), one blank
/// line between sections, `\n` line ends, and the managed-file header with the content digest.
struct QuadletUnit {
    private var lines: [(section: String, key: String, value: String)] = []

    /// Appends `key=value`; `value` must already be escaped (``UnitValueEscaping``).
    mutating func add(_ section: String, _ key: String, _ value: String) {
        lines.append((section, key, value))
    }

    /// The file's bytes and its content digest (SHA-256 of the file without the digest line).
    func render() -> (bytes: [UInt8], contentDigest: String) {
        let ordered = lines.enumerated().sorted { a, b in
            let left = (QuadletKeys.rank(ofSection: a.element.section), QuadletKeys.rank(of: a.element.key, in: a.element.section), a.offset)
            let right = (QuadletKeys.rank(ofSection: b.element.section), QuadletKeys.rank(of: b.element.key, in: b.element.section), b.offset)
            return left < right
        }.map(\.element)
        var body = ""
        var current: String?
        for line in ordered {
            if line.section != current {
                if current != nil { body += "\n" }
                body += "[\(line.section)]\n"
                current = line.section
            }
            body += "\(line.key)=\(line.value)\n"
        }
        let content = Array((QuadletFileHeader.managedLine + "\n" + body).utf8)
        let digest = SHA256.hex(content)
        let bytes = Array((QuadletFileHeader.managedLine + "\n" + QuadletFileHeader.digestPrefix + digest + "\n" + body).utf8)
        return (bytes, digest)
    }
}
