extension YAMLWriter {
    /// How a string is written.
    enum ScalarStyle: Sendable {
        /// Unquoted: only for text no YAML 1.1 or 1.2 resolver reads as anything but that string.
        case plain
        /// `'…'` with `'` doubled: any printable single-line text.
        case singleQuoted
        /// `"…"` with backslash escapes: text with line breaks, tabs or non-printable characters.
        case doubleQuoted
        /// A `|` / `|-` literal block: multi-line printable text that round-trips exactly.
        case literalBlock
    }

    // MARK: - Rendering

    /// The single-line form of a string (never a block): used for mapping keys.
    static func scalarText(_ text: String) -> String {
        inlineText(text, style: scalarStyle(for: text, allowsBlock: false))
    }

    /// `text` written in `style` (`literalBlock` is written by the layout code, not here).
    static func inlineText(_ text: String, style: ScalarStyle) -> String {
        switch style {
        case .plain, .literalBlock:
            return text
        case .singleQuoted:
            guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
            var out = "'"
            for character in text {
                out += character == "'" ? "''" : String(character)
            }
            return out + "'"
        case .doubleQuoted:
            return doubleQuoted(text)
        }
    }

    /// `"…"` with YAML escapes for `"`, `\`, control characters, line breaks, the BOM and
    /// anything else outside the printable set; printable Unicode is kept as is.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x00: out += "\\0"
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0B: out += "\\v"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x85: out += "\\N"
            case 0x2028: out += "\\L"
            case 0x2029: out += "\\P"
            default:
                if isPlainPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += hexEscape(scalar.value)
                }
            }
        }
        out += "\""
        return out
    }

    private static func hexEscape(_ value: UInt32) -> String {
        let (prefix, width) = value <= 0xFF ? ("\\x", 2) : value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
        let digits = String(value, radix: 16, uppercase: true)
        return prefix + String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: - Choosing a style

    /// The style for `text`. Block style is considered only where `allowsBlock` (values, not keys).
    static func scalarStyle(for text: String, allowsBlock: Bool) -> ScalarStyle {
        var text = text
        text.makeContiguousUTF8()
        // Native strings are always contiguous after makeContiguousUTF8.
        return text.utf8.withContiguousStorageIfAvailable { scalarStyle(utf8: $0, allowsBlock: allowsBlock) }
            ?? .doubleQuoted
    }

    /// The style for UTF-8 text, in one pass over its bytes.
    static func scalarStyle(utf8 bytes: UnsafeBufferPointer<UInt8>, allowsBlock: Bool) -> ScalarStyle {
        var hasNewline = false
        var hasApostrophe = false
        for i in bytes.indices {
            let byte = bytes[i]
            if byte < 0x80 {
                if byte == 0x0A {
                    hasNewline = true
                } else if byte < 0x20 || byte == 0x7F {
                    return .doubleQuoted
                } else if byte == 0x27 {
                    hasApostrophe = true
                }
            } else if startsNonPrintable(bytes, at: i) {
                return .doubleQuoted
            }
        }
        if hasNewline {
            return allowsBlock && isLiteralBlockSafe(bytes) ? .literalBlock : .doubleQuoted
        }
        if isPlainSafe(bytes) { return .plain }
        return hasApostrophe ? .doubleQuoted : .singleQuoted
    }

    /// Whether the UTF-8 sequence at `i` encodes a character outside `isPlainPrintable`:
    /// U+0080–U+009F (C2 80–9F), LS/PS (E2 80 A8/A9), BOM (EF BB BF), U+FFFE/U+FFFF (EF BF BE/BF).
    /// Continuation bytes never equal the lead bytes tested here.
    private static func startsNonPrintable(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        func at(_ offset: Int) -> UInt8 { i + offset < bytes.count ? bytes[i + offset] : 0 }
        switch bytes[i] {
        case 0xC2: return at(1) <= 0x9F
        case 0xE2: return at(1) == 0x80 && (at(2) == 0xA8 || at(2) == 0xA9)
        case 0xEF: return (at(1) == 0xBB && at(2) == 0xBF) || (at(1) == 0xBF && at(2) >= 0xBE)
        default: return false
        }
    }

    /// Characters that may appear raw in any scalar: printable (YAML 1.1 and 1.2), not a line
    /// break (NEL, LS, PS), not a tab, not the byte order mark.
    static func isPlainPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0xA0...0xD7FF: return scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Whether multi-line printable text survives a `|` / `|-` block exactly: at most one final
    /// newline (clip or strip chomping), a first line that is neither empty nor starts with a
    /// space (so the indentation is detected from it).
    static func isLiteralBlockSafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first != UInt8(ascii: "\n"), first != UInt8(ascii: " ") else {
            return false
        }
        let count = bytes.count
        return !(count >= 2 && bytes[count - 1] == UInt8(ascii: "\n") && bytes[count - 2] == UInt8(ascii: "\n"))
    }

    /// Whether `text` (single-line, printable) can be written unquoted: not empty, no leading
    /// indicator, no leading or trailing space, no `: ` or ` #`, no trailing `:`, and nothing a
    /// YAML 1.1 or 1.2 resolver reads as null, a boolean, a number, a timestamp, `<<` or `=`.
    static func isPlainSafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if isIndicator(first) || first == UInt8(ascii: " ") { return false }
        if last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        for i in 0..<bytes.count - 1 {
            if bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: " ") { return false }
            if bytes[i] == UInt8(ascii: " ") && bytes[i + 1] == UInt8(ascii: "#") { return false }
        }
        if bytes.starts(with: "...".utf8) { return false }
        if bytes.count <= 5, isReservedWord(bytes) { return false }
        if looksNumeric(bytes) || looksLikeTimestamp(bytes) { return false }
        return true
    }

    /// `-?:,[]{}#&*!|>'"%@` and backtick: a plain scalar may not start with any of them.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// Null, boolean (YAML 1.1's y/n/yes/no/on/off included), merge and value words, in any case.
    private static func isReservedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        reservedWordKeys.contains(packedLowercase(bytes))
    }

    private static let reservedWordKeys: [UInt64] = ["~", "null", "y", "n", "yes", "no", "on", "off", "true", "false", "<<", "="]
        .map { word in word.utf8.withContiguousStorageIfAvailable(packedLowercase) ?? 0 }

    /// Up to 8 ASCII-lower-cased bytes packed into one integer (callers pass at most 5).
    private static func packedLowercase(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for byte in bytes.prefix(8) {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            key = key << 8 | UInt64(lower)
        }
        return key
    }

    /// True for anything a YAML 1.1 or 1.2 resolver might read as a number: an optional sign,
    /// then `.inf`/`.nan` in any case, or a digit or `.` followed only by hex digits and
    /// `xXoO_.:+-` (covers `1e3`, `.5`, `0x1F`, `0o7`, `0b1`, `1_000`, `1:30`). Errs on the side of
    /// quoting (`1.2.3` is quoted too), never the other way.
    private static func looksNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var rest = bytes[...]
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            rest = rest.dropFirst()
        }
        guard let head = rest.first else { return true }
        if rest.count == 4, head == UInt8(ascii: ".") {
            let word = String(decoding: rest, as: UTF8.self).lowercased()
            if word == ".inf" || word == ".nan" { return true }
        }
        guard head == UInt8(ascii: ".") || isDigit(head) else { return false }
        return rest.allSatisfy(isNumericByte)
    }

    private static func isNumericByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"),
            UInt8(ascii: "O"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"),
            UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Four digits and a dash, then a digit: the start of every YAML 1.1 timestamp.
    private static func looksLikeTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 6 && bytes[0..<4].allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-") && isDigit(bytes[5])
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
