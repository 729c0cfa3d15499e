import PlaneModel

/// Text and JSON renderings of a validation outcome.
enum ValidationOutput {
    static func text(_ outcome: ValidationOutcome, console: Console) -> String {
        var text = ""
        for diagnostic in outcome.diagnostics {
            text += styled(diagnostic, console: console) + "\n"
        }
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        let warnings = outcome.diagnostics.filter { $0.severity == .warning }.count
        let files = Set(outcome.diagnostics.compactMap(\.file)).count
        let where_ = outcome.revision.map { " at \($0)" } ?? ""
        if errors == 0 {
            let d = outcome.documents
            var summary = "valid\(where_): \(d.pods.count) \(plural(d.pods.count, "pod")), "
            summary += "\(d.bundles.count) \(plural(d.bundles.count, "bundle")), "
            summary += "\(d.profiles.count) \(plural(d.profiles.count, "profile")), "
            summary += "\(d.fleet?.nodes.count ?? 0) \(plural(d.fleet?.nodes.count ?? 0, "node"))"
            if warnings > 0 { summary += "; \(warnings) \(plural(warnings, "warning"))" }
            text += console.styled(summary, .green) + "\n"
        } else {
            var summary = "invalid\(where_): \(errors) \(plural(errors, "error"))"
            if warnings > 0 { summary += ", \(warnings) \(plural(warnings, "warning"))" }
            if files > 0 { summary += " in \(files) \(plural(files, "file"))" }
            text += console.styled(summary, .red) + "\n"
        }
        return text
    }

    private static func styled(_ diagnostic: Diagnostic, console: Console) -> String {
        guard console.colorEnabled else { return diagnostic.formatted }
        let line = diagnostic.formatted
        let label = "\(diagnostic.severity.rawValue):"
        guard let range = line.range(of: label) else { return line }
        let style: Console.Style = diagnostic.severity == .error ? .red : .yellow
        return console.styled(String(line[..<range.lowerBound]), .bold)
            + console.styled(label, style) + String(line[range.upperBound...])
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }

    static func json(_ outcome: ValidationOutcome) -> String {
        ValidationJSON.render(outcome)
    }
}
