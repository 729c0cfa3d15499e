import Foundation

/// deploy/systemd/agentplane.env.example, read as systemd reads an EnvironmentFile.
enum EnvironmentExample {
    static let url = DeployPaths.systemd.appendingPathComponent("agentplane.env.example")

    /// Active `KEY=value` settings (comments and blank lines skipped, surrounding quotes removed).
    static func settings() throws -> [String: String] {
        var out: [String: String] = [:]
        for raw in try DeployPaths.text(url).components(separatedBy: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            out[String(line[..<equals])] = value
        }
        return out
    }

    /// The names of the `${NAME}` and `$NAME` references in a command line.
    static func variables(in command: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(command)
        while let dollar = rest.firstIndex(of: "$") {
            rest = rest[rest.index(after: dollar)...]
            let braced = rest.first == "{"
            if braced { rest = rest.dropFirst() }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { names.insert(String(name)) }
            rest = rest.dropFirst(name.count)
        }
        return names
    }
}
