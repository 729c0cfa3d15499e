import Formats
import PlaneModel

/// The `--output json` form of `validate`, following schemas/validate-output.schema.json.
enum ValidationJSON {
    static func render(_ outcome: ValidationOutcome) -> String {
        let d = outcome.documents
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        let warnings = outcome.diagnostics.filter { $0.severity == .warning }.count
        let value: JSONValue = .object([
            ("apiVersion", .string(PlaneModel.apiVersion)),
            ("kind", "ValidationResult"),
            ("source", .string(outcome.source)),
            ("revision", outcome.revision.map(JSONValue.string) ?? .null),
            ("valid", .bool(errors == 0)),
            ("errorCount", .number(errors)),
            ("warningCount", .number(warnings)),
            (
                "documents",
                .object([
                    ("agentPods", .number(d.pods.count)), ("bundles", .number(d.bundles.count)),
                    ("profiles", .number(d.profiles.count)), ("nodes", .number(d.fleet?.nodes.count ?? 0)),
                ])
            ),
            ("diagnostics", .array(of: outcome.diagnostics.map(diagnostic))),
        ])
        return JSONWriter(sortedKeys: true, pretty: true).string(value)
    }

    private static func diagnostic(_ d: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(d.severity.rawValue)),
            ("code", .string(d.code)),
            ("file", d.file.map(JSONValue.string) ?? .null),
            ("line", d.line.map { .number($0) } ?? .null),
            ("column", d.column.map { .number($0) } ?? .null),
            ("pointer", d.pointer.map(JSONValue.string) ?? .null),
            ("message", .string(d.message)),
            ("text", .string(d.formatted)),
        ])
    }
}
