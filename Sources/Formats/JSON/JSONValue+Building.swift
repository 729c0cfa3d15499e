/// Building JSON values in code without noise:
///
/// ```swift
/// let unit: JSONValue = ["name": "web", "replicas": 2, "ports": [8080, 8443], "debug": false]
/// let dynamic: JSONValue = .object([("name", .string(name)), ("replicas", .number(count))])
/// ```
///
/// Built values carry the position 0:0 (no source). Repeated keys keep the last value.
extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements.map { JSONNode($0) }) }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements)
    }

    /// A number from an integer.
    public static func number(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// A number from a Double (written as an integer when it is one, e.g. `2.0` → `2`).
    public static func number(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }

    /// An object with `pairs` in order.
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs: pairs)) }

    /// An array of `values`.
    public static func array(of values: [JSONValue]) -> JSONValue { .array(values.map { JSONNode($0) }) }
}

extension JSONObject {
    /// An object with `pairs` in order (a repeated key keeps its last value).
    public init(pairs: [(String, JSONValue)]) {
        let origin = TextPosition(line: 0, column: 0, offset: 0)
        self.init(pairs.map { JSONMember(key: $0.0, keyPosition: origin, value: JSONNode($0.1)) })
    }
}
