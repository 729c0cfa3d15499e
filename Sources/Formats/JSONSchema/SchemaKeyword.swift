/// A compiled keyword (or a group of keywords evaluated together) of one schema.
///
/// Child schemas are node indices into the program's table.
enum SchemaKeyword: Sendable {
    /// The boolean schema `false`: nothing is valid.
    case never
    case type(SchemaTypes)
    case enumeration([JSONValue])
    case constant(JSONValue)
    /// `properties`, `patternProperties` and `additionalProperties`, walked in one pass over the
    /// instance's members.
    case members(SchemaMembersRule)
    case required([String])
    case propertyNames(Int)
    case minProperties(Int)
    case maxProperties(Int)
    case dependentRequired([(property: String, required: [String])])
    case dependentSchemas([(property: String, schema: Int)])
    /// `prefixItems` and `items`.
    case items(prefix: [Int], rest: Int?)
    /// `contains` with `minContains` (default 1) and `maxContains`.
    case contains(schema: Int, min: Int, max: Int?)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minLength(Int)
    case maxLength(Int)
    case pattern(SchemaRegex)
    case bound(SchemaBound)
    case multipleOf(SchemaMultipleOf)
    case format(SchemaFormat)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(condition: Int, then: Int?, otherwise: Int?)
    case ref(Int)
    /// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the
    /// dynamic scope when that target declares the same `$dynamicAnchor` (else nil).
    case dynamicRef(target: Int, anchor: String?)
    case unevaluatedProperties(Int)
    case unevaluatedItems(Int)
}

/// The object-member keywords of one schema.
struct SchemaMembersRule: Sendable {
    /// `properties`, in schema order: names and, at the same positions, their schemas.
    var propertyNames: [String]
    var propertySchemas: [Int]
    /// `patternProperties`, in schema order.
    var patterns: [(regex: SchemaRegex, schema: Int)]
    /// `additionalProperties`.
    var additional: Int?

    /// The schema of property `key`, names compared by code points as JSON compares keys (a
    /// dictionary would match canonically equivalent spellings, and hash every member's key;
    /// a schema's properties are few, so lengths first, then bytes).
    func schema(forProperty key: String) -> Int? {
        ByteOrder.firstIndex(of: key, in: propertyNames).map { propertySchemas[$0] }
    }
}

/// `minimum`, `maximum`, `exclusiveMinimum` or `exclusiveMaximum`.
struct SchemaBound: Sendable {
    enum Kind: Sendable {
        case minimum, maximum, exclusiveMinimum, exclusiveMaximum

        var keyword: String {
            switch self {
            case .minimum: return "minimum"
            case .maximum: return "maximum"
            case .exclusiveMinimum: return "exclusiveMinimum"
            case .exclusiveMaximum: return "exclusiveMaximum"
            }
        }
    }

    var kind: Kind
    var limit: JSONNumber

    func admits(_ n: JSONNumber) -> Bool {
        switch kind {
        case .minimum: return n.double >= limit.double
        case .maximum: return n.double <= limit.double
        case .exclusiveMinimum: return n.double > limit.double
        case .exclusiveMaximum: return n.double < limit.double
        }
    }

    var message: String {
        switch kind {
        case .minimum: return "must be at least \(limit.literal)"
        case .maximum: return "must be at most \(limit.literal)"
        case .exclusiveMinimum: return "must be greater than \(limit.literal)"
        case .exclusiveMaximum: return "must be less than \(limit.literal)"
        }
    }
}

/// `multipleOf`, exact for decimal literals.
struct SchemaMultipleOf: Sendable {
    var divisor: JSONNumber
    var exact: SchemaDecimal?

    func admits(_ n: JSONNumber) -> Bool {
        if let exact, let value = SchemaDecimal(literal: n.literal) {
            return value.isMultiple(of: exact)
        }
        let quotient = n.double / divisor.double
        guard quotient.isFinite else { return false }
        return quotient.rounded() == quotient
    }
}
