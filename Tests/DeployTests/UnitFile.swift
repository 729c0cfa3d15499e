import Foundation

/// A systemd-style unit file (also Quadlet's `.container` and `.volume`), read as systemd.syntax(7)
/// reads it: `[Section]` headers, `Key=value` lines, `#` and `;` comments, and a trailing
/// backslash continuing a line. Optional settings shipped commented out (`#Key=value`, no space
/// after the `#`) are kept too, marked `optional`, so tests can check them like the rest.
struct UnitFile {
    struct Entry: Equatable {
        var section: String
        var key: String
        var value: String
        /// 1-based line of the entry's first line.
        var line: Int
        /// A commented-out optional setting (`#Key=value`).
        var optional: Bool
    }

    var entries: [Entry] = []

    init(_ text: String) {
        var section = ""
        var pending: (key: String, value: String, line: Int)?
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var continued = pending {
                if line.hasSuffix("\\") {
                    continued.value += " " + line.dropLast().trimmingCharacters(in: .whitespaces)
                    pending = continued
                } else {
                    continued.value += " " + line
                    entries.append(Entry(section: section, key: continued.key, value: continued.value, line: continued.line, optional: false))
                    pending = nil
                }
                continue
            }
            if line.isEmpty || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
                continue
            }
            if line.hasPrefix("#") {
                let rest = line.dropFirst()
                if let first = rest.first, first.isLetter, let setting = Self.split(String(rest)) {
                    entries.append(Entry(section: section, key: setting.key, value: setting.value, line: index + 1, optional: true))
                }
                continue
            }
            guard let setting = Self.split(line) else {
                entries.append(Entry(section: section, key: line, value: "", line: index + 1, optional: false))
                continue
            }
            if setting.value.hasSuffix("\\") {
                pending = (setting.key, setting.value.dropLast().trimmingCharacters(in: .whitespaces), index + 1)
            } else {
                entries.append(Entry(section: section, key: setting.key, value: setting.value, line: index + 1, optional: false))
            }
        }
    }

    /// `Key=value` → (Key, value), or nil for a line without `=`.
    private static func split(_ line: String) -> (key: String, value: String)? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return (key, value)
    }

    /// The section names in file order, each once.
    var sections: [String] {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.section) { seen.append(entry.section) }
        return seen
    }

    /// The values of `key` in `section` (active settings only), in file order.
    func values(_ key: String, in section: String) -> [String] {
        entries.filter { $0.section == section && $0.key == key && !$0.optional }.map(\.value)
    }

    /// The last value of `key` in `section`, the one systemd and Quadlet use for single-valued keys.
    func value(_ key: String, in section: String) -> String? {
        values(key, in: section).last
    }
}
