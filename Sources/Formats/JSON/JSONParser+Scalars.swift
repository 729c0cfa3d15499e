/// Strings, numbers, literals and UTF-8 validation for `JSONParser`.
extension JSONParser {
    // MARK: - Scalars

    /// Parses the string, number or literal that starts at `index`.
    mutating func parseScalar() throws(JSONError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            if hasPrefix("NaN") || hasPrefix("Infinity") {
                throw error(.invalidNumber, "NaN and Infinity are not valid JSON numbers", at: index)
            }
            let found = try describeCharacter(at: index)
            throw error(.unexpectedCharacter, "expected a value, found \(found)", at: index)
        }
    }

    /// True when the input at `index` starts with `word`.
    func hasPrefix(_ word: StaticString) -> Bool {
        word.withUTF8Buffer { utf8 in
            guard index + utf8.count <= bytes.count else { return false }
            for (k, byte) in utf8.enumerated() where bytes[index + k] != byte { return false }
            return true
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
        guard hasPrefix(word) else {
            throw error(.invalidLiteral, "invalid literal, expected '\(word)'", at: index)
        }
        index += word.utf8CodeUnitCount
    }

    /// A user-readable name for the character at `offset`: `'x'`, `U+0001`, `'é'`.
    /// Throws the UTF-8 error if the bytes there are not valid UTF-8.
    mutating func describeCharacter(at offset: Int) throws(JSONError) -> String {
        let byte = bytes[offset]
        if byte < 0x20 || byte == 0x7F { return "U+" + Self.hex(UInt32(byte), width: 4).uppercased() }
        if byte < 0x80 { return "'" + String(UnicodeScalar(byte)) + "'" }
        let length = try utf8SequenceLength(at: offset)
        return "'" + String(decoding: bytes[offset..<(offset + length)], as: UTF8.self) + "'"
    }

    // MARK: - Numbers

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func digit(at offset: Int) -> Bool { offset < bytes.count && Self.isDigit(bytes[offset]) }

    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            if hasPrefix("Infinity") {
                throw error(.invalidNumber, "NaN and Infinity are not valid JSON numbers", at: start)
            }
            guard digit(at: index) else {
                throw error(.invalidNumber, "expected a digit after '-'", at: index)
            }
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if digit(at: index) {
                throw error(.invalidNumber, "leading zeros are not allowed in numbers", at: start)
            }
        } else {
            while digit(at: index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(at: index) else {
                throw error(.invalidNumber, "expected a digit after the decimal point", at: index)
            }
            while digit(at: index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digit(at: index) else {
                throw error(.invalidNumber, "expected a digit in the exponent", at: index)
            }
            while digit(at: index) { index += 1 }
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let double = Double(literal), double.isFinite else {
            let shown = literal.count > 40 ? String(literal.prefix(40)) + "…" : literal
            throw error(.numberOutOfRange, "number \(shown) is too large for a 64-bit float", at: start)
        }
        return JSONNumber(literal: literal, double: double)
    }

    // MARK: - Strings

    /// Parses the string whose opening quote is at `index`.
    mutating func parseString() throws(JSONError) -> String {
        let quote = index
        index += 1
        var decoded: [UInt8] = []
        var escaped = false
        var runStart = index
        while true {
            guard index < bytes.count else {
                throw error(.unexpectedEnd, "unterminated string", at: quote)
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                if !escaped { return String(decoding: bytes[runStart..<index], as: UTF8.self) }
                decoded.append(contentsOf: bytes[runStart..<index])
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                decoded.append(contentsOf: bytes[runStart..<index])
                escaped = true
                try parseEscape(into: &decoded)
                runStart = index
            case 0x00..<0x20:
                let name = Self.controlNames[Int(byte)]
                throw error(
                    .controlCharacter,
                    "control character U+\(Self.hex(UInt32(byte), width: 4).uppercased())\(name) in string must be escaped",
                    at: index)
            case 0x20..<0x80:
                index += 1
            default:
                index += try utf8SequenceLength(at: index)
            }
        }
    }

    /// Short names of the C0 control characters, for messages.
    private static let controlNames: [String] = (0..<32).map { code in
        switch code {
        case 0x00: " (NUL)"
        case 0x09: " (tab, write \\t)"
        case 0x0A: " (line feed, write \\n)"
        case 0x0D: " (carriage return, write \\r)"
        default: ""
        }
    }

    /// Decodes the escape sequence at `index` (a backslash) and appends its UTF-8.
    private mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONError) {
        let start = index
        guard index + 1 < bytes.count else {
            throw error(.unexpectedEnd, "unterminated string", at: index)
        }
        let byte = bytes[index + 1]
        index += 2
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(escapeAt: start)
            var scalarValue = unit
            if (0xD800...0xDBFF).contains(unit) {
                guard hasPrefix("\\u") else {
                    throw error(
                        .loneSurrogate,
                        "lone surrogate \\u\(Self.hex(unit, width: 4).uppercased()) in string: a high surrogate must be followed by a \\u escape of a low surrogate",
                        at: start)
                }
                let lowStart = index
                index += 2
                let low = try hex4(escapeAt: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(
                        .loneSurrogate,
                        "lone surrogate \\u\(Self.hex(unit, width: 4).uppercased()) in string: it is followed by \\u\(Self.hex(low, width: 4).uppercased()), not a low surrogate",
                        at: start)
                }
                scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw error(
                    .loneSurrogate,
                    "lone surrogate \\u\(Self.hex(unit, width: 4).uppercased()) in string: a low surrogate must follow a high surrogate",
                    at: start)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw error(.invalidEscape, "invalid \\u escape", at: start)
            }
            UTF8.encode(scalar) { decoded.append($0) }
        default:
            index = start + 1
            let found = try describeCharacter(at: index)
            throw error(
                .invalidEscape,
                "invalid escape \\\(found.trimmingQuotes) in string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                at: start)
        }
    }

    /// Reads the four hex digits of a `\u` escape at `index`.
    private mutating func hex4(escapeAt start: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else {
                throw error(.unexpectedEnd, "unterminated \\u escape", at: start)
            }
            let byte = bytes[index]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default:
                throw error(.invalidEscape, "invalid \\u escape: expected 4 hexadecimal digits", at: start)
            }
            value = value << 4 | UInt32(nibble)
            index += 1
        }
        return value
    }

    // MARK: - UTF-8

    /// The length of the valid UTF-8 sequence of a non-ASCII scalar at `offset` (Unicode Table 3-7).
    func utf8SequenceLength(at offset: Int) throws(JSONError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        var reason = ""
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            low = 0xA0
            reason = "overlong encoding"
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            high = 0x9F
            reason = "a UTF-16 surrogate encoded in UTF-8"
        case 0xF0:
            length = 4
            low = 0x90
            reason = "overlong encoding"
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            high = 0x8F
            reason = "above U+10FFFF"
        case 0x80...0xBF:
            throw utf8Error("invalid UTF-8 byte \(Self.hexByte(lead)) (a continuation byte without a lead byte)", at: offset)
        case 0xC0, 0xC1:
            throw utf8Error("invalid UTF-8 byte \(Self.hexByte(lead)) (overlong encoding)", at: offset)
        default:
            throw utf8Error("invalid UTF-8 byte \(Self.hexByte(lead))", at: offset)
        }
        for k in 1..<length {
            guard offset + k < bytes.count, bytes[offset + k] & 0xC0 == 0x80 else {
                throw utf8Error("truncated UTF-8 sequence starting with byte \(Self.hexByte(lead))", at: offset)
            }
            let byte = bytes[offset + k]
            if k == 1, byte < low || byte > high {
                throw utf8Error(
                    "invalid UTF-8 sequence \(Self.hexByte(lead)) \(Self.hexByte(byte)) (\(reason))", at: offset)
            }
        }
        return length
    }

    /// A UTF-8 error at `offset`. Non-mutating: the column is counted from the line start.
    private func utf8Error(_ message: String, at offset: Int) -> JSONError {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return JSONError(.invalidUTF8, message, at: TextPosition(line: line, column: column, offset: offset))
    }
}

extension String {
    /// The string without one pair of surrounding single quotes.
    fileprivate var trimmingQuotes: String {
        guard count >= 2, first == "'", last == "'" else { return self }
        return String(dropFirst().dropLast())
    }
}
