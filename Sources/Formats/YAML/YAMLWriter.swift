/// Writes JSON values as deterministic block-style YAML that YAML 1.1 and 1.2 parsers (PyYAML,
/// go-yaml, kubectl) read back as exactly the same value.
///
/// Layout follows kubectl's output: two-space indentation, sequences under a mapping key at the
/// key's own indentation, mappings inside sequences in the compact `- key: value` form, and
/// `{}` / `[]` for empty collections. Object members keep their order. Strings are written plain
/// where no parser could read them as anything else, otherwise single- or double-quoted (see
/// `YAMLWriter+Scalars.swift`); multi-line text that round-trips exactly becomes a `|` block.
/// Recursion follows the value's nesting, which the JSON reader bounds (128 by default).
public struct YAMLWriter: Sendable {
    /// The UTF-8 text written so far (bytes append faster than `String` pieces).
    private var output: [UInt8]

    private init() {
        output = []
        output.reserveCapacity(1024)
    }

    // MARK: - API

    /// One YAML document for `value`, ending in a newline.
    public static func write(_ value: JSONValue) -> String {
        var writer = YAMLWriter()
        writer.writeDocument(value)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Several documents separated by `---` lines (no marker before the first, as kubectl
    /// prints them). No documents give the empty string; one document equals `write(_:)`.
    public static func writeDocuments(_ values: some Sequence<JSONValue>) -> String {
        var writer = YAMLWriter()
        var first = true
        for value in values {
            if !first { writer.append("---\n") }
            writer.writeDocument(value)
            first = false
        }
        return String(decoding: writer.output, as: UTF8.self)
    }

    // MARK: - Layout

    /// Where a node starts: what has already been written on its line.
    private enum Position {
        /// At the start of a document, column 0.
        case document
        /// After `key:` of a mapping indented by `indent`.
        case mappingValue
        /// After `- ` of a sequence indented by `indent`.
        case sequenceItem
        /// After the `:` line of an explicit (`? key`) mapping entry indented by `indent`.
        case explicitValue
    }

    private mutating func writeDocument(_ value: JSONValue) {
        writeNode(value, indent: 0, position: .document)
    }

    private mutating func writeNode(_ value: JSONValue, indent: Int, position: Position) {
        let spaceBefore = position == .mappingValue || position == .explicitValue
        switch value {
        case .object(let object) where !object.isEmpty:
            switch position {
            case .document:
                writeMapping(object, indent: 0, firstInline: false)
            case .sequenceItem:
                writeMapping(object, indent: indent + 2, firstInline: true)
            case .mappingValue, .explicitValue:
                append("\n")
                writeMapping(object, indent: indent + 2, firstInline: false)
            }
        case .array(let items) where !items.isEmpty:
            switch position {
            case .document:
                writeSequence(items, indent: 0, firstInline: false)
            case .sequenceItem:
                writeSequence(items, indent: indent + 2, firstInline: true)
            case .mappingValue:
                append("\n")
                writeSequence(items, indent: indent, firstInline: false)
            case .explicitValue:
                append("\n")
                writeSequence(items, indent: indent + 2, firstInline: false)
            }
        case .object:
            writeLine("{}", afterSpace: spaceBefore)
        case .array:
            writeLine("[]", afterSpace: spaceBefore)
        case .null:
            writeLine("null", afterSpace: spaceBefore)
        case .bool(let flag):
            writeLine(flag ? "true" : "false", afterSpace: spaceBefore)
        case .number(let number):
            writeLine(YAMLWriter.numberText(number), afterSpace: spaceBefore)
        case .string(let text):
            let style = YAMLWriter.scalarStyle(for: text, allowsBlock: true)
            if spaceBefore { append(" ") }
            switch style {
            case .literalBlock:
                writeLiteralBlock(text, indent: indent + 2)
            case .plain:
                append(text)
                append("\n")
            case .singleQuoted, .doubleQuoted:
                append(YAMLWriter.inlineText(text, style: style))
                append("\n")
            }
        }
    }

    private mutating func writeMapping(_ object: JSONObject, indent: Int, firstInline: Bool) {
        for (index, member) in object.members.enumerated() {
            if index > 0 || !firstInline { writeIndent(indent) }
            let key = YAMLWriter.scalarText(member.key)
            if key.utf8.count > YAMLWriter.maximumImplicitKeyLength {
                // YAML limits implicit keys to 1024 characters: use the explicit `? key` form.
                append("? ")
                append(key)
                append("\n")
                writeIndent(indent)
                append(":")
                writeNode(member.value.value, indent: indent, position: .explicitValue)
            } else {
                append(key)
                append(":")
                writeNode(member.value.value, indent: indent, position: .mappingValue)
            }
        }
    }

    private mutating func writeSequence(_ items: [JSONNode], indent: Int, firstInline: Bool) {
        for (index, item) in items.enumerated() {
            if index > 0 || !firstInline { writeIndent(indent) }
            append("- ")
            writeNode(item.value, indent: indent, position: .sequenceItem)
        }
    }

    /// `text` and a newline, after a space when the node follows `key:` or `:`.
    private mutating func writeLine(_ text: String, afterSpace: Bool) {
        if afterSpace { append(" ") }
        append(text)
        append("\n")
    }

    private mutating func writeIndent(_ count: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func append(_ text: Substring) {
        output.append(contentsOf: text.utf8)
    }

    /// A `|` (one final newline) or `|-` (none) block whose lines are indented by `indent`.
    /// `scalarStyle` only chooses this for text whose lines all round-trip.
    private mutating func writeLiteralBlock(_ text: String, indent: Int) {
        var body = Substring(text)
        if body.hasSuffix("\n") {
            body = body.dropLast()
            append("|\n")
        } else {
            append("|-\n")
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.isEmpty {
                writeIndent(indent)
                append(line)
            }
            append("\n")
        }
    }

    /// Rendered keys longer than this (in UTF-8 bytes, so never more characters) use `? key`.
    static let maximumImplicitKeyLength = 1000
}
