import Formats

/// Where a value came from, for the error that refuses it.
public struct ValueSite: Hashable, Sendable {
    public var pod: String
    /// JSON pointer into the AgentPod (or a note such as `profile:/spec/network/proxy`).
    public var pointer: String

    public init(pod: String, pointer: String) {
        self.pod = pod
        self.pointer = pointer
    }

    /// A site one level deeper: `site.child("env")` → `/…/env`.
    public func child(_ component: String) -> ValueSite {
        ValueSite(pod: pod, pointer: pointer + "/" + component)
    }

    public func child(_ index: Int) -> ValueSite { child(String(index)) }
}

/// Escapes values for Quadlet unit files so the container sees exactly the original bytes.
///
/// A value in a `.container` or `.pod` file passes through three parsers before it reaches
/// Podman, and each changes it unless told not to:
///
/// 1. **Quadlet** (podman-systemd.unit(5), Podman 5.x) reads the line: it trims whitespace
///    (Unicode whitespace, Go's `strings.TrimSpace`), joins a line that ends in `\` with the next
///    one, and either takes the rest of the line verbatim (`Image=`, `Volume=`, `WorkingDir=`,
///    `PodName=`, `Entrypoint=`, …; `Lookup` also trims `"` at both ends) or splits it into words
///    the way systemd splits `ExecStart=` (`Exec=`, `Environment=`, `Label=`, `Secret=`,
///    `PodmanArgs=`: double and single quotes, C escapes such as `\\` and `\"`).
/// 2. Quadlet writes every resulting word into the generated service's `ExecStart=` (or
///    `ExecStartPre=`), quoting words that contain whitespace, quotes or backslashes and passing
///    `%` and `$` through untouched. A word that is exactly `;` is written bare.
/// 3. **systemd** reads `ExecStart=`: it expands specifiers (`%h`, `%n`, …; `%%` is a literal
///    `%`), splits and unquotes the words, treats a bare `;` as the start of a second command,
///    and at start-up substitutes `${NAME}` inside words and `$NAME` as a whole word (`$$` is a
///    literal `$`).
///
/// So every value gets `%` → `%%` and `$` → `$$`; word values are double-quoted (with `\"` and
/// `\\`) when they contain whitespace, quotes or backslashes; and values that no escaping can
/// carry are refused with ``RenderError/unrepresentableValue(pod:pointer:value:reason:)``:
/// control characters (C0, DEL, C1), a word that is exactly `;`, an empty word (Quadlet drops
/// it), and for verbatim keys surrounding whitespace or quotes and a trailing backslash.
public enum UnitValueEscaping {
    /// Escapes one word for a key that Quadlet splits like `ExecStart=` (`Exec=`, `Environment=`,
    /// `Label=`, `Secret=`, `PodmanArgs=`). Several words are joined with one space.
    public static func word(_ value: String, at site: @autoclosure () -> ValueSite) throws(RenderError) -> String {
        if isPlain(value) { return value }
        try refuseControlCharacters(value, at: site())
        if value.isEmpty {
            throw refusal(value, at: site(), "Quadlet drops an empty argument")
        }
        if value == ";" {
            throw refusal(value, at: site(), "a lone ';' would start a second command in the generated ExecStart=")
        }
        let quote = needsQuoting(value)
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 8)
        if quote { out.append(UInt8(ascii: "\"")) }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "$"): out.append(byte)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): if quote { out.append(UInt8(ascii: "\\")) }
            default: break
            }
            out.append(byte)
        }
        if quote { out.append(UInt8(ascii: "\"")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes several words for one `Exec=`-style line.
    public static func words(_ values: [String], at site: @autoclosure () -> ValueSite) throws(RenderError) -> String {
        var parts: [String] = []
        for (index, value) in values.enumerated() {
            parts.append(try word(value, at: site().child(index)))
        }
        return parts.joined(separator: " ")
    }

    /// Escapes a value for a key whose whole (trimmed) line Quadlet passes on as one argument
    /// (`Image=`, `Volume=`, `WorkingDir=`, `Entrypoint=`, `PodName=`, `PublishPort=`, …).
    public static func verbatim(_ value: String, at site: @autoclosure () -> ValueSite) throws(RenderError) -> String {
        if isPlain(value) { return value }
        try refuseControlCharacters(value, at: site())
        if value.isEmpty {
            throw refusal(value, at: site(), "the value is empty")
        }
        if value == ";" {
            throw refusal(value, at: site(), "a lone ';' would start a second command in the generated ExecStart=")
        }
        if let first = value.unicodeScalars.first, let last = value.unicodeScalars.last {
            if isWhitespace(first) || isWhitespace(last) {
                throw refusal(value, at: site(), "Quadlet trims leading and trailing whitespace from this key")
            }
            if first == "\"" || last == "\"" {
                throw refusal(value, at: site(), "Quadlet strips double quotes at either end of this key")
            }
            if last == "\\" {
                throw refusal(value, at: site(), "a trailing backslash continues the line in a unit file")
            }
        }
        return doubleSpecifiersAndDollars(value)
    }

    /// A JSON array of strings (`["/bin/sh","-c","…"]`), as Podman's `--entrypoint` accepts it,
    /// escaped for the verbatim `Entrypoint=` key.
    public static func jsonArray(_ values: [String], at site: @autoclosure () -> ValueSite) throws(RenderError) -> String {
        var json: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            try refuseControlCharacters(value, at: site().child(index))
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { json.append(UInt8(ascii: "\\")) }
                json.append(byte)
            }
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return try verbatim(String(decoding: json, as: UTF8.self), at: site())
    }

    /// Refuses values that contain a character a unit file cannot carry: C0 controls (including
    /// newline and tab), DEL and the C1 controls U+0080–U+009F (Quadlet would write those as
    /// `\xNN`, which systemd turns into a lone byte that is not UTF-8).
    public static func refuseControlCharacters(_ value: String, at site: @autoclosure () -> ValueSite) throws(RenderError) {
        // C0 and DEL are single UTF-8 bytes and C1 starts with 0xC2: a value without these
        // bytes (nearly all) needs no look at its scalars.
        guard UTF8Scan.contains(value, where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return }
        for scalar in value.unicodeScalars where isControl(scalar) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw refusal(value, at: site(), "it contains the control character \(code)")
        }
    }

    // MARK: - Rules

    /// Whether `value` passes every parser unchanged as it is, so `word` and `verbatim` return
    /// it untouched: printable ASCII without `%`, `$`, quotes or backslashes, and neither empty
    /// nor a lone `;`. Most values are (names, labels, images, paths); they skip the byte-by-byte
    /// escaping and its copy.
    static func isPlain(_ value: String) -> Bool {
        guard !value.isEmpty, value != ";" else { return false }
        return UTF8Scan.allSatisfy(value) { byte in
            (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "%") && byte != UInt8(ascii: "$")
                && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
        }
    }

    /// Unicode whitespace (what Go's `strings.TrimSpace` trims), with an ASCII fast path.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether the value holds a character that makes Quadlet's or systemd's word splitting see
    /// something other than one plain word: a quote, a backslash or any Unicode whitespace.
    static func needsQuoting(_ value: String) -> Bool {
        var ascii = true
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: " "), 0x09...0x0D: return true
            case 0x80...: ascii = false
            default: continue
            }
        }
        return !ascii && value.unicodeScalars.contains(where: isWhitespace)
    }

    static func doubleSpecifiersAndDollars(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "$") }) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 4)
        for byte in value.utf8 {
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "$") { out.append(byte) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func refusal(_ value: String, at site: ValueSite, _ reason: String) -> RenderError {
        .unrepresentableValue(pod: site.pod, pointer: site.pointer, value: value, reason: reason)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
