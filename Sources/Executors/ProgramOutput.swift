import Formats

/// Reading what executor programs print: JSON documents and object names.
enum ProgramOutput {
    /// The JSON document `stdout` holds; `unexpectedOutput` naming `program` when it is not one.
    /// Empty output and `null` read as `emptyValue` (podman prints nothing or `null` for none).
    static func json(_ stdout: [UInt8], program: String, limit: Int, emptyValue: JSONValue? = nil) throws(ExecutorError) -> JSONValue {
        let trimmed = String(decoding: stdout, as: UTF8.self).trimmingWhitespace()
        if let emptyValue, trimmed.isEmpty || trimmed == "null" { return emptyValue }
        do {
            return try JSONReader.parse(stdout, options: JSONReader.Options(maxDepth: 128, maxBytes: limit)).value
        } catch {
            let start = String(trimmed.prefix(80))
            throw .unexpectedOutput(program, "not JSON (\(error.description)); output starts with \"\(start)\"")
        }
    }

    /// True for a DNS-1123 label (`web`, `agent-2`): the only pod names agentplane renders, and
    /// so the only label values it maps back to paths.
    static func isPodName(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        let isAlphanumeric: (UInt8) -> Bool = { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// The string members of a JSON object (`Labels`, `annotations`); others are dropped.
    static func stringMap(_ node: JSONNode?) -> [String: String] {
        guard let object = node?.objectValue else { return [:] }
        var map: [String: String] = [:]
        for member in object.members {
            if let value = member.value.stringValue { map[member.key] = value }
        }
        return map
    }
}
