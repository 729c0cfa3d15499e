/// A position in a text document: 1-based line and column (columns count Unicode scalars),
/// and the 0-based UTF-8 byte offset.
public struct TextPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool { lhs.offset < rhs.offset }
}

/// A JSON value together with the position of its first character in the source.
public struct JSONNode: Sendable {
    public var value: JSONValue
    public var position: TextPosition

    public init(_ value: JSONValue, at position: TextPosition = TextPosition(line: 0, column: 0, offset: 0)) {
        self.value = value
        self.position = position
    }
}

/// A JSON value (RFC 8259). Arrays and objects hold positioned nodes.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONNode])
    case object(JSONObject)
}

/// A JSON number: its literal text as written, and its value as a Double.
public struct JSONNumber: Sendable, Hashable {
    /// The literal as it appears in the source, e.g. `1.50e3`.
    public var literal: String
    /// The nearest Double (may be ±infinity for huge exponents; the reader decides whether to accept those).
    public var double: Double

    public init(literal: String, double: Double) {
        self.literal = literal
        self.double = double
    }

    public init(_ int: Int) {
        self.literal = String(int)
        self.double = Double(int)
    }

    public init(_ double: Double) {
        self.literal = double.rounded() == double && abs(double) < 1e15 ? String(Int(double)) : String(double)
        self.double = double
    }

    /// True when the number has no fractional part (`1.0` counts as an integer, as in JSON Schema).
    public var isInteger: Bool { double.isFinite && double.rounded(.towardZero) == double }
}

/// A JSON object member: key, the position of the key's opening quote, and the value.
public struct JSONMember: Sendable {
    public var key: String
    public var keyPosition: TextPosition
    public var value: JSONNode

    public init(key: String, keyPosition: TextPosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// A JSON object that keeps its members in source order. Keys are unique (the reader rejects duplicates).
public struct JSONObject: Sendable {
    public private(set) var members: [JSONMember]
    /// Member index by key, built only once the object has more than `indexThreshold` members
    /// (smaller objects, the common case, are searched linearly). Keys compare by Unicode code
    /// points, as JSON does (Swift's `String` equality would merge canonically equivalent keys
    /// such as "é" and "e\u{301}").
    private var index: [CodePointKey: Int]
    /// Up to this many members a linear search (lengths compared first) beats hashing every key
    /// into an index; documents' objects are nearly all smaller.
    private static let indexThreshold = 24

    public init(_ members: [JSONMember] = []) {
        self.members = []
        self.index = [:]
        self.members.reserveCapacity(members.count)
        for member in members { set(member) }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The member's value for `key`, or nil.
    public subscript(key: String) -> JSONNode? {
        guard let i = location(of: key) else { return nil }
        return members[i].value
    }

    /// The member for `key`, or nil.
    public func member(_ key: String) -> JSONMember? {
        guard let i = location(of: key) else { return nil }
        return members[i]
    }

    /// Adds a member, or replaces the value of an existing one in place.
    public mutating func set(_ member: JSONMember) {
        if let i = location(of: member.key) {
            members[i] = member
            return
        }
        members.append(member)
        if members.count == Self.indexThreshold + 1 {
            index.reserveCapacity(members.count * 2)
            for (i, existing) in members.enumerated() { index[CodePointKey(existing.key)] = i }
        } else if members.count > Self.indexThreshold + 1 {
            index[CodePointKey(member.key)] = members.count - 1
        }
    }

    public func contains(_ key: String) -> Bool { location(of: key) != nil }

    /// The index in `members` of the member named `key` (compared by code points), or nil.
    private func location(of key: String) -> Int? {
        if members.count > Self.indexThreshold { return index[CodePointKey(key)] }
        let length = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && ByteOrder.equal($0.key, key) }
    }
}

/// A string key that is equal and hashes by its Unicode scalars, not by canonical equivalence.
private struct CodePointKey: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: CodePointKey, rhs: CodePointKey) -> Bool {
        ByteOrder.equal(lhs.string, rhs.string)
    }

    func hash(into hasher: inout Hasher) {
        var utf8 = string
        utf8.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
