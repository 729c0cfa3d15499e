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
        // Sort line indices by (section rank, key rank, insertion order) packed into one integer:
        // the order is the same as sorting the lines themselves, without moving their strings.
        let order = lines.indices.map { offset -> Int in
            let line = lines[offset]
            let sectionRank = QuadletKeys.rank(ofSection: line.section)
            let section = min(sectionRank, 0xFF)
            let key = min(QuadletKeys.rank(of: line.key, inSectionOfRank: sectionRank), 0xFF)
            return section << 48 | key << 32 | offset
        }.sorted()
        var body: [UInt8] = []
        body.reserveCapacity(lines.reduce(64) { $0 + $1.section.utf8.count + $1.key.utf8.count + $1.value.utf8.count + 4 })
        var current: String?
        for packed in order {
            let line = lines[packed & 0xFFFF_FFFF]
            if line.section != current {
                if current != nil { body.append(UInt8(ascii: "\n")) }
                body.append(UInt8(ascii: "["))
                Self.append(line.section, to: &body)
                body.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "\n")])
                current = line.section
            }
            Self.append(line.key, to: &body)
            body.append(UInt8(ascii: "="))
            Self.append(line.value, to: &body)
            body.append(UInt8(ascii: "\n"))
        }
        var hasher = SHA256()
        hasher.update(Self.managedLine)
        hasher.update(body)
        let digest = SHA256.hexString(hasher.finalize())
        var bytes = Self.managedLine
        bytes.reserveCapacity(Self.managedLine.count + body.count + 90)
        Self.append(QuadletFileHeader.digestPrefix, to: &bytes)
        Self.append(digest, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: body)
        return (bytes, digest)
    }

    private static let managedLine = Array((QuadletFileHeader.managedLine + "\n").utf8)

    /// Appends the UTF-8 of `text` in one copy.
    private static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
