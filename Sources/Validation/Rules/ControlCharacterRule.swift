import Formats
import PlaneModel

/// No string or key of any document holds a control character: C0 (U+0000–U+001F, including
/// tab, line feed and NUL), DEL, C1 (U+0080–U+009F, including U+0085 next line), U+2028 and
/// U+2029.
///
/// Names, images, commands, arguments, environment, paths, labels, annotations, smoke checks,
/// executor settings: nearly every string reaches a Quadlet unit, a Kubernetes manifest or a
/// command line, where a line break can inject a directive. Rather than keep a list of fields
/// that could drift from the schemas, every string and every object key of every document is
/// checked; the first offending character of each is reported.
enum ControlCharacterRule {
    static func check(_ context: SemanticContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for path in context.nodes.keys.sorted() {
            // Nearly every document is clean: its text says so when it has none of the bytes a
            // control character needs, else a walk that builds nothing; only a document with a
            // finding is walked again to spell out where.
            guard let root = context.nodes[path], context.texts[path].map(mayHoldControl) ?? true, hasControl(root) else {
                continue
            }
            // The walk keeps a trail of (parent, component) instead of building a pointer
            // string for every value: pointers are only spelt out for findings.
            var trail: [(parent: Int, component: String)] = [(-1, "")]
            var pending: [(node: JSONNode, trailIndex: Int)] = [(root, 0)]
            func pointer(_ index: Int) -> String {
                var components: [String] = []
                var current = index
                while current > 0 {
                    components.append(trail[current].component)
                    current = trail[current].parent
                }
                return JSONPointer.pointer(Array(components.reversed()))
            }
            while let (node, trailIndex) = pending.popLast() {
                switch node.value {
                case .string(let text):
                    if let scalar = firstControl(in: text) {
                        out.append(context.diagnostic(
                            "control-character", file: path, pointer: pointer(trailIndex),
                            "string contains \(describe(scalar)); strings that can reach unit files, manifests or command lines must not contain control characters"))
                    }
                case .array(let elements):
                    for (index, element) in elements.enumerated() {
                        trail.append((trailIndex, String(index)))
                        pending.append((element, trail.count - 1))
                    }
                case .object(let object):
                    for member in object.members {
                        trail.append((trailIndex, member.key))
                        let childIndex = trail.count - 1
                        if let scalar = firstControl(in: member.key) {
                            out.append(context.diagnostic(
                                "control-character", file: path, pointer: pointer(childIndex), atKey: true,
                                "key contains \(describe(scalar)); keys that can reach unit files, manifests or command lines must not contain control characters"))
                        }
                        pending.append((member.value, childIndex))
                    }
                case .null, .bool, .number:
                    break
                }
            }
        }
        return out
    }

    /// Whether a document whose text is `bytes` can hold a rejected control character in any
    /// string or key: only through an escape (`\n`, `\u0085`: a backslash), or raw as DEL
    /// (0x7F), a C1 character (0xC2 0x80–0x9F) or U+2028/U+2029 (0xE2 0x80 0xA8/0xA9), since a
    /// raw C0 byte is not valid JSON. So a text of ASCII below DEL without a backslash holds
    /// none, and is not walked at all (most documents).
    ///
    /// Read eight bytes at a time (a byte-at-a-time scan cost nearly what the walk it saves).
    static func mayHoldControl(_ bytes: [UInt8]) -> Bool {
        UTF8Scan.containsByte(
            in: bytes,
            word: { UTF8Scan.hasHighByte($0) || UTF8Scan.hasByte(0x7F, in: $0) || UTF8Scan.hasByte(0x5C, in: $0) },
            byte: { $0 >= 0x7F || $0 == 0x5C })
    }

    /// Whether any string or key under `node` holds a rejected control character.
    static func hasControl(_ node: JSONNode) -> Bool {
        switch node.value {
        case .string(let text):
            return firstControl(in: text) != nil
        case .array(let elements):
            return elements.contains(where: hasControl)
        case .object(let object):
            return object.members.contains { firstControl(in: $0.key) != nil || hasControl($0.value) }
        case .null, .bool, .number:
            return false
        }
    }

    /// Whether `scalar` is a control character this rule rejects.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The first rejected control character in `text`, or nil.
    static func firstControl(in text: String) -> Unicode.Scalar? {
        // Fast path over UTF-8: every rejected scalar starts with a byte below 0x20, 0x7F,
        // 0xC2 (U+0080–U+009F) or 0xE2 (U+2028, U+2029); most strings have none of these.
        guard UTF8Scan.contains(text, where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return nil }
        return text.unicodeScalars.first(where: isControl)
    }

    /// `U+000A (line feed)`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name: String
        switch scalar.value {
        case 0x00: name = "NUL"
        case 0x09: name = "tab"
        case 0x0A: name = "line feed"
        case 0x0D: name = "carriage return"
        case 0x1B: name = "escape"
        case 0x7F: name = "delete"
        case 0x85: name = "next line"
        case 0x2028: name = "line separator"
        case 0x2029: name = "paragraph separator"
        default: name = "control character"
        }
        return "control character \(code) (\(name))"
    }
}
