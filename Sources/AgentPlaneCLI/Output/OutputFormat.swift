/// `--output text|json`.
enum OutputFormat: String, Sendable {
    case text
    case json

    static func parse(_ value: String?, command: String) throws(UsageError) -> OutputFormat {
        guard let value else { return .text }
        guard let format = OutputFormat(rawValue: value) else {
            throw UsageError(command: command, message: "unknown output format '\(value)'; expected text or json")
        }
        return format
    }
}
