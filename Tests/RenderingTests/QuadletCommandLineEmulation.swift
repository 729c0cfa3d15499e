/// A small model of what happens to a Quadlet line on its way to `podman run`, for tests:
/// Quadlet's parser (podman pkg/systemd/parser, Podman 5.x) and its `escapeWords`, then systemd's
/// `ExecStart=` parsing: specifiers, `extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)`, the
/// bare `;` command separator, and `$` substitution at start-up.
///
/// It is strict where the real tools are lenient: anything that would make the real tools
/// reinterpret a value (an unknown specifier, a `$` that would expand, an unbalanced quote, a
/// continuation line, a second command) is an error here, so a passing round trip means the value
/// reaches the container unchanged.
enum CommandLineEmulation {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static let separators: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    // MARK: - The whole chain

    /// The words Podman receives for one value of a key Quadlet splits like `ExecStart=`
    /// (`Exec=`, `Environment=`, `Label=`, `Secret=`, `PodmanArgs=`), given the rendered line.
    static func podmanWords(fromSplitLine line: String) throws -> [String] {
        let value = try quadletValue(of: line)
        let words = try splitWords(Array(value.utf8), dropEmpty: true)
        let execStart = quadletEscapeWords(words)
        return try systemdArgv(execStart)
    }

    /// The one argument Podman receives for a key Quadlet takes verbatim (`Image=`, `Volume=`,
    /// `WorkingDir=`, `Entrypoint=`, `PodName=`, …), given the rendered line.
    static func podmanArgument(fromVerbatimLine line: String) throws -> String {
        var value = try quadletValue(of: line)
        // parser.Lookup: trailing whitespace, then '"' at both ends.
        value = String(value.trimmingUnicodeWhitespace(leading: false, trailing: true))
        value = String(value.drop(while: { $0 == "\"" }).reversed().drop(while: { $0 == "\"" }).reversed())
        let argv = try systemdArgv(quadletEscapeWords([value]))
        guard argv.count == 1 else { throw Failure("one value became \(argv.count) arguments: \(argv)") }
        return argv[0]
    }

    // MARK: - Quadlet

    /// The value of a `Key=value` line as Quadlet's parser stores it: the line trimmed of
    /// whitespace, the key up to `=`, the value without leading whitespace.
    static func quadletValue(of line: String) throws -> String {
        guard !line.contains("\n") else { throw Failure("the value spans lines") }
        let trimmed = line.trimmingUnicodeWhitespace(leading: true, trailing: true)
        if trimmed.hasSuffix("\\") { throw Failure("the line ends in a backslash: a continuation line") }
        guard let equals = trimmed.firstIndex(of: "=") else { throw Failure("not a key=value line: \(line)") }
        return String(trimmed[trimmed.index(after: equals)...].trimmingUnicodeWhitespace(leading: true, trailing: false))
    }

    /// Quadlet's `escapeWords`: words joined by spaces; a word with ASCII whitespace, a control
    /// character, a quote or a backslash is double-quoted with C escapes.
    static func quadletEscapeWords(_ words: [String]) -> String {
        words.map { word in
            let needs = word.unicodeScalars.contains { scalar in
                scalar.value <= 128
                    && (scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
                        || scalar == "\"" || scalar == "'" || scalar == "\\")
            }
            guard needs else { return word }
            var out = "\""
            for scalar in word.unicodeScalars {
                switch scalar {
                case "\u{07}": out += "\\a"
                case "\u{08}": out += "\\b"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{0B}": out += "\\v"
                case "\u{0C}": out += "\\f"
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x80 {
                        out += "\\x" + String(scalar.value, radix: 16)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }.joined(separator: " ")
    }

    // MARK: - systemd

    /// systemd's reading of an `ExecStart=` line after the binary: specifiers, then words, then
    /// `$` substitution. A bare `;` (a second command) is an error.
    static func systemdArgv(_ line: String) throws -> [String] {
        let expanded = try expandSpecifiers(line)
        let bytes = Array(expanded.utf8)
        var words: [String] = []
        for token in try tokens(bytes, dropEmpty: false) {
            if token.raw == Array(";".utf8) { throw Failure("a bare ';' starts a second command: \(line)") }
            words.append(try replaceEnvironment(token.word))
        }
        return words
    }

    /// `%%` → `%`; any other specifier is an error (it would be expanded).
    static func expandSpecifiers(_ text: String) throws -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            guard let next = iterator.next() else { throw Failure("a trailing '%'") }
            guard next == "%" else { throw Failure("specifier %\(next) would be expanded") }
            out += "%"
        }
        return out
    }

    /// `$$` → `$`; `${NAME}` and a word that is `$NAME` are errors (they would be substituted).
    static func replaceEnvironment(_ word: String) throws -> String {
        var out = ""
        var iterator = word.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "$" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            guard let next = iterator.next(), next == "$" else {
                throw Failure("'$' in \(word) would be substituted from the environment")
            }
            out += "$"
        }
        return out
    }

    // MARK: - extract_first_word

    /// Splits like `extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)` in a loop; Quadlet's
    /// Go port drops empty words (`dropEmpty`).
    static func splitWords(_ bytes: [UInt8], dropEmpty: Bool) throws -> [String] {
        try tokens(bytes, dropEmpty: dropEmpty).map(\.word)
    }

    static func tokens(_ bytes: [UInt8], dropEmpty: Bool) throws -> [(word: String, raw: [UInt8])] {
        var result: [(String, [UInt8])] = []
        var index = 0
        while true {
            while index < bytes.count, separators.contains(bytes[index]) { index += 1 }
            if index == bytes.count { break }
            let start = index
            var word: [UInt8] = []
            var quote: UInt8?
            while index < bytes.count {
                let byte = bytes[index]
                if quote == nil, separators.contains(byte) { break }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { throw Failure("unbalanced escape") }
                    let (decoded, length) = try unescape(bytes, at: index)
                    word += decoded
                    index += length
                    continue
                }
                if let open = quote {
                    if byte == open { quote = nil } else { word.append(byte) }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else {
                    word.append(byte)
                }
                index += 1
            }
            if quote != nil { throw Failure("unbalanced quotes") }
            guard let text = String(validating: word, as: UTF8.self) else { throw Failure("a word is not UTF-8") }
            if !(dropEmpty && word.isEmpty) { result.append((text, Array(bytes[start..<index]))) }
        }
        return result
    }

    /// One C escape after a backslash: the bytes it stands for and the bytes it used.
    static func unescape(_ bytes: [UInt8], at index: Int) throws -> ([UInt8], Int) {
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "'"): 0x27, UInt8(ascii: "s"): 0x20,
        ]
        if let byte = simple[bytes[index]] { return ([byte], 1) }
        if bytes[index] == UInt8(ascii: "x"), index + 2 < bytes.count,
            let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16), value != 0
        {
            return ([value], 3)
        }
        throw Failure("unsupported escape \\\(Character(Unicode.Scalar(bytes[index])))")
    }
}

extension StringProtocol {
    /// Trims Unicode whitespace (Go's `strings.TrimSpace`) at the chosen ends.
    func trimmingUnicodeWhitespace(leading: Bool, trailing: Bool) -> Substring {
        var scalars = Substring(self).unicodeScalars[...]
        if leading { scalars = scalars.drop(while: { $0.properties.isWhitespace }) }
        if trailing {
            while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        }
        return Substring(scalars)
    }
}
