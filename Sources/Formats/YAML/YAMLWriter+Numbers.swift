extension YAMLWriter {
    /// A JSON number as a YAML number both YAML 1.1 and 1.2 resolve to the same value.
    ///
    /// The literal is kept as written, except that an exponent form gets a fraction and an
    /// exponent sign (`1e5` → `1.0e+5`, `-2E-3` → `-2.0E-3`): YAML 1.1 (PyYAML) reads a float
    /// only with a `.` and a signed exponent and would otherwise see the string `"1e5"`.
    /// A literal that is not a JSON number (a value built in code) is written from its Double;
    /// non-finite values become `.inf`, `-.inf` and `.nan`.
    static func numberText(_ number: JSONNumber) -> String {
        if let text = normalizedLiteral(number.literal) { return text }
        let double = number.double
        if double.isNaN { return ".nan" }
        if double.isInfinite { return double < 0 ? "-.inf" : ".inf" }
        return normalizedLiteral(String(double)) ?? ".nan"
    }

    /// `literal` rewritten as above, or nil when it is not an RFC 8259 number.
    static func normalizedLiteral(_ literal: String) -> String? {
        let bytes = Array(literal.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        var hasFraction = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
            hasFraction = true
        }
        let mantissaEnd = i
        guard i < bytes.count else { return literal }
        guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
        let exponentMark = bytes[i]
        i += 1
        var sign = UInt8(ascii: "+")
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            sign = bytes[i]
            i += 1
        }
        let exponentStart = i
        guard digits() > 0, i == bytes.count else { return nil }

        var out = Array(bytes[0..<mantissaEnd])
        if !hasFraction { out += Array(".0".utf8) }
        out.append(exponentMark)
        out.append(sign)
        out += bytes[exponentStart...]
        return String(decoding: out, as: UTF8.self)
    }
}
