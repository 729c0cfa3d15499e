import Formats

/// Tells text from binary: the first NUL byte or invalid UTF-8 sequence, with its position.
enum TextCheck {
    /// What makes a file binary, and where.
    struct Finding: Hashable, Sendable {
        /// `"NUL byte"` or `"invalid UTF-8"`.
        var what: String
        /// 0-based byte offset of the offending byte.
        var offset: Int
        /// 1-based line (lines end at LF, CRLF or a lone CR, as in the JSON reader).
        var line: Int
        /// 1-based column counted in Unicode scalars.
        var column: Int
    }

    /// The first NUL byte or invalid UTF-8 sequence in `bytes`, or nil for clean UTF-8 text.
    static func firstBinaryByte(in bytes: [UInt8]) -> Finding? {
        // Nearly every document is ASCII without NUL: that is answered eight bytes at a time,
        // and only other text is walked byte by byte (which also counts lines and columns).
        if isPlainASCII(bytes) { return nil }
        var index = 0
        var line = 1
        var column = 1
        let count = bytes.count
        func finding(_ what: String) -> Finding {
            Finding(what: what, offset: index, line: line, column: column)
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0 { return finding("NUL byte") }
            if byte < 0x80 {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte == 0x0D {
                    if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 { return finding("invalid UTF-8") }
            index += length
            column += 1
        }
        return nil
    }

    /// Whether every byte is in 0x01...0x7F.
    static func isPlainASCII(_ bytes: [UInt8]) -> Bool {
        !UTF8Scan.containsByte(
            in: bytes, word: { UTF8Scan.hasHighByte($0) || UTF8Scan.hasZeroByte($0) }, byte: { $0 == 0 || $0 >= 0x80 })
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (2–4), or 0 when it is
    /// ill-formed (stray continuation, overlong form, surrogate, above U+10FFFF, truncated).
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= low, second <= high else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }
}
