/// The iterative RFC 8259 parser behind `JSONReader`: an explicit stack of open containers
/// instead of recursion, and incremental line/column tracking.
struct JSONParser {
    let bytes: [UInt8]
    let maxDepth: Int
    let maxBytes: Int
    /// The next byte to read.
    var index = 0

    // MARK: - Position tracking

    /// The current 1-based line.
    var line = 1
    /// Byte offset where the current line starts.
    var lineStart = 0
    /// A byte offset on the current line whose column is known (`anchorColumn`); columns are
    /// counted forward from it so that a long single-line document costs O(n) overall.
    var anchorOffset = 0
    var anchorColumn = 1

    init(bytes: [UInt8], options: JSONReader.Options) {
        self.bytes = bytes
        self.maxDepth = options.effectiveMaxDepth
        self.maxBytes = options.maxBytes
    }

    /// The position of `offset`, which must lie on the current line.
    mutating func position(at offset: Int) -> TextPosition {
        if offset < anchorOffset {
            anchorOffset = lineStart
            anchorColumn = 1
        }
        var column = anchorColumn
        var i = anchorOffset
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        anchorOffset = offset
        anchorColumn = column
        return TextPosition(line: line, column: column, offset: offset)
    }

    /// An error of `kind` located at byte `offset` (on the current line).
    mutating func error(_ kind: JSONError.Kind, _ message: String, at offset: Int) -> JSONError {
        JSONError(kind, message, at: position(at: offset))
    }

    /// Skips JSON whitespace (space, tab, LF, CR), counting line breaks (LF, CRLF, lone CR).
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09:
                index += 1
            case 0x0A:
                index += 1
                startLine()
            case 0x0D:
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                startLine()
            default:
                return
            }
        }
    }

    private mutating func startLine() {
        line += 1
        lineStart = index
        anchorOffset = index
        anchorColumn = 1
    }

    // MARK: - Document

    /// An array or object whose closing bracket has not been read yet.
    private struct Frame {
        var isObject: Bool
        var position: TextPosition
        var elements: [JSONNode] = []
        var object = JSONObject()
        /// The key whose value is being read (objects only).
        var key = ""
        var keyPosition = TextPosition(line: 0, column: 0, offset: 0)
    }

    /// Parses the whole input as one JSON value followed only by whitespace.
    mutating func parseDocument() throws(JSONError) -> JSONNode {
        if bytes.count > maxBytes {
            throw error(
                .documentTooLarge,
                "document is \(bytes.count) bytes, over the \(maxBytes)-byte limit", at: 0)
        }
        try rejectByteOrderMark()
        skipWhitespace()
        if index == bytes.count {
            throw error(.emptyDocument, "document is empty, expected a JSON value", at: index)
        }

        var stack: [Frame] = []
        var result: JSONNode
        value: while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw error(.unexpectedEnd, "unexpected end of document, expected a value", at: index)
            }
            let start = position(at: index)
            var node: JSONNode
            switch bytes[index] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let isObject = bytes[index] == UInt8(ascii: "{")
                if stack.count >= maxDepth {
                    throw error(.nestingTooDeep, "nesting deeper than \(maxDepth)", at: index)
                }
                index += 1
                skipWhitespace()
                let close = UInt8(ascii: isObject ? "}" : "]")
                if index < bytes.count, bytes[index] == close {
                    index += 1
                    node = JSONNode(isObject ? .object(JSONObject()) : .array([]), at: start)
                } else {
                    var frame = Frame(isObject: isObject, position: start)
                    if isObject { try readKey(into: &frame) }
                    stack.append(frame)
                    continue value
                }
            default:
                node = JSONNode(try parseScalar(), at: start)
            }

            // A value is complete: hand it to its container, closing containers as they end.
            while true {
                guard !stack.isEmpty else {
                    result = node
                    break value
                }
                let top = stack.count - 1
                let isObject = stack[top].isObject
                if isObject {
                    stack[top].object.set(
                        JSONMember(key: stack[top].key, keyPosition: stack[top].keyPosition, value: node))
                } else {
                    stack[top].elements.append(node)
                }
                skipWhitespace()
                guard index < bytes.count else {
                    throw error(
                        .unexpectedEnd,
                        "unexpected end of document, expected \(isObject ? "',' or '}'" : "',' or ']'")",
                        at: index)
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") {
                    index += 1
                    if isObject {
                        skipWhitespace()
                        try readKey(into: &stack[top])
                    }
                    continue value
                }
                if byte == UInt8(ascii: isObject ? "}" : "]") {
                    index += 1
                    let frame = stack.removeLast()
                    node = JSONNode(
                        isObject ? .object(frame.object) : .array(frame.elements), at: frame.position)
                    continue
                }
                let found = try describeCharacter(at: index)
                throw error(
                    .unexpectedCharacter,
                    isObject
                        ? "expected ',' or '}' after object member, found \(found)"
                        : "expected ',' or ']' after array element, found \(found)",
                    at: index)
            }
        }

        skipWhitespace()
        if index < bytes.count {
            let found = try describeCharacter(at: index)
            throw error(.trailingCharacters, "unexpected \(found) after the end of the document", at: index)
        }
        return result
    }

    /// Reads `"key" :` into `frame`, rejecting a key the object already has.
    private mutating func readKey(into frame: inout Frame) throws(JSONError) {
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "unexpected end of document, expected an object key", at: index)
        }
        guard bytes[index] == UInt8(ascii: "\"") else {
            let found = try describeCharacter(at: index)
            throw error(.unexpectedCharacter, "expected a string key in double quotes, found \(found)", at: index)
        }
        let keyPosition = position(at: index)
        let key = try parseString()
        if let first = frame.object.member(key) {
            throw JSONError(
                .duplicateKey,
                "duplicate key \(Self.quoted(key)) (first at line \(first.keyPosition.line))",
                at: keyPosition)
        }
        frame.key = key
        frame.keyPosition = keyPosition
        skipWhitespace()
        guard index < bytes.count else {
            throw error(.unexpectedEnd, "unexpected end of document, expected ':' after object key", at: index)
        }
        guard bytes[index] == UInt8(ascii: ":") else {
            let found = try describeCharacter(at: index)
            throw error(.unexpectedCharacter, "expected ':' after object key, found \(found)", at: index)
        }
        index += 1
    }

    /// Rejects a UTF-8, UTF-16 or UTF-32 byte order mark at the start of the document.
    private mutating func rejectByteOrderMark() throws(JSONError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw error(
                .byteOrderMark,
                "document starts with a UTF-8 byte order mark; save it as UTF-8 without BOM", at: 0)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw error(
                .byteOrderMark, "document starts with a UTF-16 byte order mark; JSON must be UTF-8", at: 0)
        }
    }
}

extension JSONParser {
    /// `key` in double quotes, for messages; long keys are shortened.
    static func quoted(_ key: String) -> String {
        var shown = ""
        for (n, scalar) in key.unicodeScalars.enumerated() {
            if n == 64 {
                shown += "…"
                break
            }
            switch scalar {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                shown += "\\u" + Self.hex(scalar.value, width: 4)
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return "\"" + shown + "\""
    }

    /// `value` in lowercase hexadecimal, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A byte as `0xff`.
    static func hexByte(_ byte: UInt8) -> String { "0x" + Self.hex(UInt32(byte), width: 2) }
}
