/// Typed read access to JSON values, for code that consumes parsed documents.
extension JSONValue {
    // MARK: - Typed accessors

    /// The string, or nil if this is not a string.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The boolean, or nil if this is not `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The number, or nil if this is not a number.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The number as an `Int` if it is an integer that `Int` holds exactly (`3`, `3.0`, `3e2`),
    /// otherwise nil (`3.5`, `1e30`, a string).
    public var intValue: Int? { numberValue?.exactInt }

    /// The number as a Double, or nil if this is not a number.
    public var doubleValue: Double? { numberValue?.double }

    /// The elements, or nil if this is not an array.
    public var arrayValue: [JSONNode]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The object, or nil if this is not an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON Schema name of this value's type: "object", "array", "string", "integer" (a
    /// number with no fractional part, as JSON Schema counts `1.0`), "number", "boolean", "null".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    // MARK: - Navigation

    /// The member's value for `key`, or nil if this is not an object or has no such key.
    public subscript(key: String) -> JSONNode? { objectValue?[key] }

    /// The element at `index`, or nil if this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONNode? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

/// The same typed accessors on a positioned node, forwarding to its value.
extension JSONNode {
    public var stringValue: String? { value.stringValue }
    public var boolValue: Bool? { value.boolValue }
    public var numberValue: JSONNumber? { value.numberValue }
    public var intValue: Int? { value.intValue }
    public var doubleValue: Double? { value.doubleValue }
    public var arrayValue: [JSONNode]? { value.arrayValue }
    public var objectValue: JSONObject? { value.objectValue }
    public var isNull: Bool { value.isNull }
    public var typeName: String { value.typeName }

    /// The member's value for `key`, or nil if this is not an object or has no such key.
    public subscript(key: String) -> JSONNode? { value[key] }

    /// The element at `index`, or nil if this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONNode? { value[index] }
}

extension JSONNumber {
    /// The value as an `Int` when it is an integer that `Int` holds exactly, otherwise nil.
    ///
    /// An integer literal (`9007199254740993`) is read from its text, so no precision is lost to
    /// the Double; other forms (`3.0`, `3e2`) count when the Double is integral and below 2^53.
    public var exactInt: Int? {
        if !literal.isEmpty, literal.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) }) {
            return Int(literal)
        }
        guard isInteger, abs(double) <= 9_007_199_254_740_992 else { return nil }
        return Int(double)
    }
}
