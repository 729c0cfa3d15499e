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
        let ordered = lines.enumerated().map { offset, line in
            (section: QuadletKeys.rank(ofSection: line.section), key: QuadletKeys.rank(of: line.key, in: line.section), offset: offset, line: line)
        }.sorted { ($0.section, $0.key, $0.offset) < ($1.section, $1.key, $1.offset) }
        var body: [UInt8] = []
        body.reserveCapacity(lines.reduce(64) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 })
        var current: String?
        for entry in ordered {
            let line = entry.line
            if line.section != current {
                if current != nil { body.append(UInt8(ascii: "\n")) }
                body.append(UInt8(ascii: "["))
                body.append(contentsOf: line.section.utf8)
                body.append(contentsOf: "]\n".utf8)
                current = line.section
            }
            body.append(contentsOf: line.key.utf8)
            body.append(UInt8(ascii: "="))
            body.append(contentsOf: line.value.utf8)
            body.append(UInt8(ascii: "\n"))
        }
        let managed = Array((QuadletFileHeader.managedLine + "\n").utf8)
        let digest = SHA256.hex(managed + body)
        var bytes = managed
        bytes.reserveCapacity(managed.count + body.count + 90)
        bytes.append(contentsOf: (QuadletFileHeader.digestPrefix + digest + "\n").utf8)
        bytes.append(contentsOf: body)
        return (bytes, digest)
    }
}
