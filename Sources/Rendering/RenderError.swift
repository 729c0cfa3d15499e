/// Why a pod could not be rendered for its node.
///
/// Every case is terminal: the inputs must change (a retry renders the same bytes and fails the
/// same way). `pointer` is a JSON pointer into the AgentPod (or the profile, where it says so).
public enum RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A value cannot be carried through the target format without changing its meaning
    /// (a control character, a separator the target syntax reserves, surrounding whitespace
    /// where the target trims it).
    case unrepresentableValue(pod: String, pointer: String, value: String, reason: String)
    /// An image reference is not fully qualified (`registry/name:tag` or `registry/name@digest`).
    case unqualifiedImage(pod: String, pointer: String, image: String)
    /// A resource quantity the renderer cannot convert.
    case invalidQuantity(pod: String, pointer: String, value: String)
    /// The target cannot express what the pod asks for.
    case unsupported(pod: String, pointer: String, reason: String)
    /// Two objects rendered for one pod would have the same name.
    case nameCollision(pod: String, name: String, reason: String)
    /// The node's executor does not take what this renderer produces (e.g. Kubernetes manifests
    /// for a quadlet node).
    case executorMismatch(pod: String, node: String, executor: String, expected: String)

    public var description: String {
        switch self {
        case .unrepresentableValue(let pod, let pointer, let value, let reason):
            "pod \(pod): \(pointer): value \(Self.quoted(value)) cannot be rendered: \(reason)"
        case .unqualifiedImage(let pod, let pointer, let image):
            "pod \(pod): \(pointer): image \(Self.quoted(image)) is not fully qualified "
                + "(expected registry/name:tag or registry/name@sha256:…)"
        case .invalidQuantity(let pod, let pointer, let value):
            "pod \(pod): \(pointer): quantity \(Self.quoted(value)) cannot be converted"
        case .unsupported(let pod, let pointer, let reason):
            "pod \(pod): \(pointer): \(reason)"
        case .nameCollision(let pod, let name, let reason):
            "pod \(pod): two rendered objects would be named \(name): \(reason)"
        case .executorMismatch(let pod, let node, let executor, let expected):
            "pod \(pod): node \(node) has a \(executor) executor; this renderer is for \(expected) nodes"
        }
    }

    /// The value in double quotes with control characters shown as `\u{…}`, safe for one log line.
    private static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
