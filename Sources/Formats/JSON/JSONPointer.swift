/// JSON Pointer (RFC 6901) helpers: escaping reference tokens, building pointers, resolving them.
public enum JSONPointer {
    /// Escapes a reference token: `~` becomes `~0`, `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        // A byte scan: `String.contains(String)` resolves to Foundation's bridged `range(of:)`,
        // which made escaping the hottest call of decoding (every field builds a pointer).
        guard UTF8Scan.contains(token, where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// Unescapes a reference token (`~1` → `/`, `~0` → `~`), or nil if it holds a `~` not
    /// followed by `0` or `1`.
    public static func unescape(_ token: String) -> String? {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        var result = ""
        var scalars = token.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "~" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "0": result += "~"
            case "1": result += "/"
            default: return nil
            }
        }
        return result
    }

    /// The pointer made of `components` (unescaped keys or array indices): `["a/b", "0"]` →
    /// `/a~1b/0`; no components → `""`, the whole document.
    public static func pointer(_ components: [String]) -> String {
        components.map { "/" + escape($0) }.joined()
    }

    /// `pointer` extended by one unescaped component: `appending("/spec", "containers")`.
    public static func appending(_ pointer: String, _ component: String) -> String {
        join(pointer, escape(component))
    }

    /// `pointer` extended by an array index: `appending("/containers", index: 0)`.
    public static func appending(_ pointer: String, index: Int) -> String {
        join(pointer, String(index))
    }

    /// `pointer/token`, built in one buffer (`a + "/" + b` allocates twice for long pointers,
    /// and the decoder builds a pointer for every field it reads).
    private static func join(_ pointer: String, _ token: String) -> String {
        var result = ""
        result.reserveCapacity(pointer.utf8.count + 1 + token.utf8.count)
        result += pointer
        result += "/"
        result += token
        return result
    }

    /// The unescaped components of `pointer`, or nil if it is not a valid JSON pointer
    /// (non-empty and not starting with `/`, or a bad `~` escape). `""` → `[]`.
    public static func components(_ pointer: String) -> [String]? {
        guard !pointer.isEmpty else { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var result: [String] = []
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let component = unescape(String(token)) else { return nil }
            result.append(component)
        }
        return result
    }

    /// The node `pointer` refers to in `node`, or nil if the pointer is invalid or leads nowhere.
    /// Array indices must be `0` or a number without leading zeros; `-` never resolves.
    public static func resolve(_ pointer: String, in node: JSONNode) -> JSONNode? {
        guard let components = components(pointer) else { return nil }
        var current = node
        for component in components {
            switch current.value {
            case .object(let object):
                guard let next = object[component] else { return nil }
                current = next
            case .array(let elements):
                guard let index = arrayIndex(component), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token denotes (`0`, `12`), or nil (`-`, `01`, `x`, overflow).
    private static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if first == UInt8(ascii: "0"), token.utf8.count > 1 { return nil }
        return Int(token)
    }
}
