import Formats
import PlaneModel

/// Reads typed values out of the JSON of one file and collects a diagnostic for everything
/// that does not fit, so that decoding goes on and reports every problem, never crashes.
///
/// Readers return nil after recording a diagnostic; callers substitute a placeholder and carry
/// on. The document decodes only if no diagnostic was recorded.
final class DecodeContext {
    /// The diagnostic code of every decode finding.
    static let code = "decode"

    /// Repository-relative path of the file.
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    // MARK: - Reporting

    /// Records an error at `position` about the value `pointer` names.
    func report(_ message: String, at position: TextPosition, pointer: FieldPointer) {
        diagnostics.append(
            Diagnostic(
                .error, file: path, line: position.line, column: position.column, pointer: pointer.text,
                code: Self.code, message: message))
    }

    /// Records a type mismatch: `expected string, got number`.
    func mismatch(_ expected: String, _ node: JSONNode, _ pointer: FieldPointer) {
        report("expected \(expected), got \(Self.describe(node.value))", at: node.position, pointer: pointer)
    }

    /// The JSON type of a value as a message names it: numbers are `number` whether integral or not.
    static func describe(_ value: JSONValue) -> String {
        if case .number = value { return "number" }
        return value.typeName
    }

    // MARK: - Scalars

    func string(_ node: JSONNode, _ pointer: FieldPointer) -> String? {
        guard let string = node.stringValue else {
            mismatch("string", node, pointer)
            return nil
        }
        return string
    }

    func integer(_ node: JSONNode, _ pointer: FieldPointer) -> Int? {
        guard let number = node.numberValue else {
            mismatch("integer", node, pointer)
            return nil
        }
        guard let int = number.exactInt else {
            report("expected integer, got \(number.literal)", at: node.position, pointer: pointer)
            return nil
        }
        return int
    }

    func bool(_ node: JSONNode, _ pointer: FieldPointer) -> Bool? {
        guard let bool = node.boolValue else {
            mismatch("boolean", node, pointer)
            return nil
        }
        return bool
    }

    func quantity(_ node: JSONNode, _ pointer: FieldPointer) -> Quantity? {
        string(node, pointer).map(Quantity.init)
    }

    /// A string that must be one of the raw values of `E`.
    func choice<E: RawRepresentable & CaseIterable>(_ node: JSONNode, _ pointer: FieldPointer) -> E? where E.RawValue == String {
        guard let raw = string(node, pointer) else { return nil }
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            report("\"\(raw)\" is not one of: \(allowed)", at: node.position, pointer: pointer)
            return nil
        }
        return value
    }

    // MARK: - Containers

    /// The elements of an array, each read by `element`; elements that fail are left out.
    func array<T>(_ node: JSONNode, _ pointer: FieldPointer, _ element: (JSONNode, FieldPointer) -> T?) -> [T]? {
        guard let elements = node.arrayValue else {
            mismatch("array", node, pointer)
            return nil
        }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        let base = pointer.text
        for (index, child) in elements.enumerated() {
            if let value = element(child, FieldPointer(base, index: index)) { result.append(value) }
        }
        return result
    }

    func strings(_ node: JSONNode, _ pointer: FieldPointer) -> [String]? {
        array(node, pointer, string)
    }

    /// An object whose values are all strings (labels, annotations, node selectors).
    func stringMap(_ node: JSONNode, _ pointer: FieldPointer) -> [String: String]? {
        guard let object = node.objectValue else {
            mismatch("object", node, pointer)
            return nil
        }
        var result: [String: String] = [:]
        let base = pointer.text
        for member in object.members {
            if let value = string(member.value, FieldPointer(base, key: member.key)) {
                result[member.key] = value
            }
        }
        return result
    }

    /// The members of an object, reporting every key not in `allowed` as unknown.
    func object(_ node: JSONNode, _ pointer: FieldPointer, allowed: [String]) -> ObjectFields? {
        guard let object = node.objectValue else {
            mismatch("object", node, pointer)
            return nil
        }
        let base = pointer.text
        for member in object.members where ByteOrder.firstIndex(of: member.key, in: allowed) == nil {
            report("unknown property \"\(member.key)\"", at: member.keyPosition, pointer: FieldPointer(base, key: member.key))
        }
        return ObjectFields(context: self, node: node, object: object, pointer: base)
    }
}
