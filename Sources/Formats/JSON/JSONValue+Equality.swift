/// JSON semantic equality and a canonical hashable key, as JSON Schema's `const`, `enum` and
/// `uniqueItems` need them.
extension JSONValue {
    /// True when both values are the same JSON value: numbers equal by value (`1 == 1.0`),
    /// objects equal as unordered sets of members, arrays equal element by element.
    /// Positions are ignored. Iterative, so deep values cannot overflow the stack.
    public func jsonEquals(_ other: JSONValue) -> Bool {
        var pending: [(JSONValue, JSONValue)] = [(self, other)]
        while let (left, right) = pending.popLast() {
            switch (left, right) {
            case (.null, .null):
                continue
            case (.bool(let a), .bool(let b)):
                guard a == b else { return false }
            case (.number(let a), .number(let b)):
                guard a.double == b.double else { return false }
            case (.string(let a), .string(let b)):
                guard a.unicodeScalars.elementsEqual(b.unicodeScalars) else { return false }
            case (.array(let a), .array(let b)):
                guard a.count == b.count else { return false }
                for (x, y) in zip(a, b) { pending.append((x.value, y.value)) }
            case (.object(let a), .object(let b)):
                guard a.count == b.count else { return false }
                for member in a.members {
                    guard let counterpart = b[member.key] else { return false }
                    pending.append((member.value.value, counterpart.value))
                }
            default:
                return false
            }
        }
        return true
    }

    /// Bytes that are equal for two values exactly when `jsonEquals` holds: compact UTF-8 JSON
    /// with keys sorted and numbers written from their Double value (so `1`, `1.0` and `1e0`
    /// agree). Use it as a `Set` or `Dictionary` key, e.g. for `uniqueItems`.
    ///
    /// Bytes, not a `String`: Swift strings compare by canonical equivalence, which would merge
    /// `"é"` and `"e\u0301"`, two different JSON strings.
    public var canonicalKey: [UInt8] {
        JSONWriter(sortedKeys: true, pretty: false).encode(self, canonicalNumbers: true)
    }
}

extension JSONNode {
    /// True when both nodes hold the same JSON value (positions are ignored); see `JSONValue.jsonEquals`.
    public func jsonEquals(_ other: JSONNode) -> Bool { value.jsonEquals(other.value) }

    /// The canonical key of the value; see `JSONValue.canonicalKey`.
    public var canonicalKey: [UInt8] { value.canonicalKey }
}
