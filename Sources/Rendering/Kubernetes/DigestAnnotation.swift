import Formats

/// Adds the `agentplane.dev/digest` annotation to a manifest already written as YAML, producing
/// exactly the bytes the writer would produce with the annotation in the value: it goes into the
/// top-level `metadata.annotations` in key order, or a new `annotations:` block ends `metadata`.
/// Saves rendering and writing every object twice. Returns nil for a layout it does not expect
/// (the caller then renders again).
enum DigestAnnotation {
    static func insert(_ digest: String, into yaml: String) -> String? {
        let key = OwnershipLabel.digest
        let entry = YAMLWriter.write(.object([(key, .string(digest))]))
        guard entry.hasSuffix("\n"), entry.filter({ $0 == "\n" }).count == 1 else { return nil }
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let metadata = lines.firstIndex(of: "metadata:") else { return nil }
        // The metadata block: lines after `metadata:` indented by at least two spaces.
        var end = metadata + 1
        while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
        if let annotations = lines[(metadata + 1)..<end].firstIndex(of: "  annotations:") {
            var index = annotations + 1
            while index < end, lines[index].hasPrefix("    ") {
                let line = lines[index]
                if !line.hasPrefix("     "), let colon = line.range(of: ": ") ?? line.range(of: ":", options: .backwards) {
                    let existing = String(line[line.index(line.startIndex, offsetBy: 4)..<colon.lowerBound])
                    if existing.hasPrefix("'") || existing.hasPrefix("\"") || existing.hasPrefix("?") { return nil }
                    if existing > key { break }
                }
                index += 1
            }
            lines.insert("    " + entry.dropLast(), at: index)
        } else {
            lines.insert(contentsOf: ["  annotations:", "    " + entry.dropLast()], at: end)
        }
        return lines.joined(separator: "\n")
    }
}
