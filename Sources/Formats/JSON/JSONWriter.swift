/// Writes JSON values as deterministic RFC 8259 text.
///
/// - Keys are sorted by their UTF-8 bytes (that is, by Unicode code point) unless `sortedKeys`
///   is false, in which case source order is kept.
/// - Strings escape `"` and `\`, write `\b \f \n \r \t` for those controls and `\u00XX`
///   (lowercase hex) for the other controls below U+0020; everything else, including `/`,
///   DEL and non-ASCII, is written as itself in UTF-8.
/// - Numbers are written from their literal when it is a valid JSON number, so a parsed document
///   round-trips digit for digit; otherwise from the Double. A non-finite Double, which JSON
///   cannot express, is written as `null`.
/// - `pretty` indents by two spaces, puts `": "` between key and value, writes empty arrays and
///   objects as `[]` and `{}`, and ends the text with a newline. Compact output has no
///   whitespace and no trailing newline.
///
/// The writer is iterative, so arbitrarily deep values cannot overflow the stack.
public struct JSONWriter: Sendable {
    /// Sort object keys by code point (default), or keep source order.
    public var sortedKeys: Bool
    /// Indent with two spaces and end with a newline.
    public var pretty: Bool

    public init(sortedKeys: Bool = true, pretty: Bool = false) {
        self.sortedKeys = sortedKeys
        self.pretty = pretty
    }

    /// The UTF-8 text of `value`.
    public func encode(_ value: JSONValue) -> [UInt8] { encode(value, canonicalNumbers: false) }

    /// The UTF-8 text of `node`'s value (its position is not written).
    public func encode(_ node: JSONNode) -> [UInt8] { encode(node.value, canonicalNumbers: false) }

    /// The text of `value` as a String.
    public func string(_ value: JSONValue) -> String { String(decoding: encode(value), as: UTF8.self) }

    /// The text of `node`'s value as a String.
    public func string(_ node: JSONNode) -> String { string(node.value) }

    // MARK: - Encoding

    /// A step of the iterative encoder.
    private enum Step {
        /// The top-level value.
        case value(JSONValue)
        /// An array element at `depth`; `first` elements get no comma.
        case element(JSONValue, first: Bool, depth: Int)
        /// An object member at `depth`.
        case member(key: String, value: JSONValue, first: Bool, depth: Int)
        /// The closing bracket of a non-empty container at `depth`.
        case close(UInt8, depth: Int)
    }

    /// Encodes `value`; with `canonicalNumbers`, numbers are written from their Double value.
    func encode(_ value: JSONValue, canonicalNumbers: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var steps: [Step] = [.value(value)]
        while let step = steps.popLast() {
            let value: JSONValue
            let depth: Int
            switch step {
            case .value(let top):
                value = top
                depth = 0
            case .element(let element, let first, let level):
                appendSeparator(first: first, depth: level, to: &out)
                value = element
                depth = level
            case .member(let key, let member, let first, let level):
                appendSeparator(first: first, depth: level, to: &out)
                Self.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value = member
                depth = level
            case .close(let bracket, let level):
                appendNewline(depth: level, to: &out)
                out.append(bracket)
                continue
            }
            switch value {
            case .null:
                out.append(contentsOf: "null".utf8)
            case .bool(let bool):
                out.append(contentsOf: (bool ? "true" : "false").utf8)
            case .number(let number):
                out.append(contentsOf: Self.text(of: number, canonical: canonicalNumbers).utf8)
            case .string(let string):
                Self.appendQuoted(string, to: &out)
            case .array(let elements):
                guard !elements.isEmpty else {
                    out.append(contentsOf: "[]".utf8)
                    continue
                }
                out.append(UInt8(ascii: "["))
                // Pushed in reverse, so they pop in order.
                steps.append(.close(UInt8(ascii: "]"), depth: depth))
                for (n, element) in elements.enumerated().reversed() {
                    steps.append(.element(element.value, first: n == 0, depth: depth + 1))
                }
            case .object(let object):
                guard !object.isEmpty else {
                    out.append(contentsOf: "{}".utf8)
                    continue
                }
                out.append(UInt8(ascii: "{"))
                var members = object.members
                if sortedKeys {
                    members.sort { ByteOrder.precedes($0.key, $1.key) }
                }
                steps.append(.close(UInt8(ascii: "}"), depth: depth))
                for (n, member) in members.enumerated().reversed() {
                    steps.append(.member(key: member.key, value: member.value.value, first: n == 0, depth: depth + 1))
                }
            }
        }
        if pretty { out.append(UInt8(ascii: "\n")) }
        return out
    }

    /// What precedes an element or member: a comma unless it is the first, then (pretty) a
    /// newline and indentation.
    private func appendSeparator(first: Bool, depth: Int, to out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        appendNewline(depth: depth, to: &out)
    }

    /// In pretty mode, a newline and two spaces per level of `depth`.
    private func appendNewline(depth: Int, to out: inout [UInt8]) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<(2 * depth) { out.append(UInt8(ascii: " ")) }
    }

    // MARK: - Scalars

    /// The text of a number: its literal if that is valid JSON (or, canonically, its Double).
    static func text(of number: JSONNumber, canonical: Bool) -> String {
        if !canonical, isValidNumberLiteral(number.literal) { return number.literal }
        let double = number.double
        guard double.isFinite else { return "null" }
        if double == 0 { return "0" }  // also -0.0, which equals 0 in JSON
        if double.rounded() == double, abs(double) < 1e15 { return String(Int(double)) }
        return String(double)  // shortest round-trip form, e.g. 1.5, 1e+20, 5e-324
    }

    /// True when `literal` matches RFC 8259's number grammar.
    static func isValidNumberLiteral(_ literal: String) -> Bool {
        var bytes = literal.utf8[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= 48, byte <= 57 {
                bytes.removeFirst()
                count += 1
            }
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes.removeFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes.removeFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }

    /// Appends `string` in double quotes with RFC 8259 escapes.
    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20: out.append(contentsOf: ("\\u00" + JSONParser.hex(UInt32(byte), width: 2)).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
