/// One compiled schema (an object or a boolean) in a `SchemaProgram`'s node table.
///
/// Subschemas and reference targets are indices into the same table, so recursive schemas need
/// no reference cycles and evaluation never looks at the schema's JSON again.
struct SchemaNode: Sendable {
    /// The keywords to check, in evaluation order (`unevaluated…` last).
    var keywords: [SchemaKeyword]
    /// Prefix of every keyword location in this schema: a JSON pointer, with `uri#` in front
    /// when the schema lives in a registered document other than the root one.
    var location: String
    /// The schema resource (document root or `$id`) this schema belongs to, for `$dynamicRef`.
    var resource: Int
    /// True for the boolean schema `false`.
    var isFalse: Bool
    /// True when the schema has `unevaluatedProperties` or `unevaluatedItems`, so its other
    /// keywords must collect which properties and items they evaluated.
    var tracksUnevaluated: Bool

    /// `location` + `/` + keyword: where a failing keyword is in the schema.
    func keywordLocation(_ keyword: String) -> String { location + "/" + keyword }
}

/// A set of JSON Schema type names.
struct SchemaTypes: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = SchemaTypes(rawValue: 1)
    static let boolean = SchemaTypes(rawValue: 2)
    static let object = SchemaTypes(rawValue: 4)
    static let array = SchemaTypes(rawValue: 8)
    static let number = SchemaTypes(rawValue: 16)
    static let string = SchemaTypes(rawValue: 32)
    static let integer = SchemaTypes(rawValue: 64)

    /// Names in the order messages list them.
    static let ordered: [(SchemaTypes, String)] = [
        (.object, "object"), (.array, "array"), (.string, "string"), (.number, "number"),
        (.integer, "integer"), (.boolean, "boolean"), (.null, "null"),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let entry = Self.ordered.first(where: { $0.1 == name }) else { return nil }
        self = entry.0
    }

    /// Whether `value` is one of these types (`integer` accepts numbers with no fraction).
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .object: return contains(.object)
        case .array: return contains(.array)
        case .string: return contains(.string)
        case .number(let n): return contains(.number) || (contains(.integer) && n.isInteger)
        }
    }

    /// "string", "string or null", "object, array or null".
    var phrase: String {
        let names = Self.ordered.filter { contains($0.0) && !($0.0 == .integer && contains(.number)) }.map(\.1)
        guard let last = names.last else { return "nothing" }
        if names.count == 1 { return last }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
