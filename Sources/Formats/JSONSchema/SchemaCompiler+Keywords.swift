/// Phase 2 of compilation: one schema object → its compiled keywords.
extension SchemaCompiler {
    /// `$schema` values we accept: draft 2020-12 only.
    static let supportedDialects = [
        "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
    ]

    /// Compiles the schema at `location` (its node was reserved by `reserve(schema:)`).
    mutating func compileNode(_ index: Int, at location: Location, schema: JSONNode) throws(SchemaCompileError)
        -> SchemaNode
    {
        var node = nodes[index]
        let object: JSONObject
        switch schema.value {
        case .bool(true):
            return node
        case .bool(false):
            node.keywords = [.never]
            node.isFalse = true
            return node
        case .object(let value):
            object = value
        default:
            throw .notASchema(location: describe(location))
        }
        var keywords: [SchemaKeyword] = []
        var edges: [Int] = []
        let reader = KeywordReader(locationText: describe(location))

        if let value = object["$schema"] {
            guard case .string(let dialect) = value.value, Self.supportedDialects.contains(dialect) else {
                throw reader.invalid(
                    "$schema", "only JSON Schema draft 2020-12 is supported (\"\(Self.supportedDialects[0])\")")
            }
        }
        if let value = object["type"] { keywords.append(.type(try reader.types(value))) }
        if let value = object["const"] { keywords.append(.constant(value.value)) }
        if let value = object["enum"] {
            guard case .array(let items) = value.value else { throw reader.invalid("enum", "must be an array") }
            keywords.append(.enumeration(items.map(\.value)))
        }
        if let value = object["$ref"] {
            guard case .string(let reference) = value.value else { throw reader.invalid("$ref", "must be a string") }
            let target = try resolveReference(reference, from: location)
            let targetIndex = try reserve(target.location, schema: target.schema)
            keywords.append(.ref(targetIndex))
            edges.append(targetIndex)
        }
        if let value = object["$dynamicRef"] {
            guard case .string(let reference) = value.value else {
                throw reader.invalid("$dynamicRef", "must be a string")
            }
            let target = try resolveReference(reference, from: location)
            let targetIndex = try reserve(target.location, schema: target.schema)
            var anchor: String?
            if let fragment = target.fragment, !fragment.hasPrefix("/"),
                case .object(let targetObject) = target.schema.value,
                case .string(let declared)? = targetObject["$dynamicAnchor"]?.value, declared == fragment
            {
                anchor = fragment
                edges.append(contentsOf: try registerDynamicAnchors(named: fragment))
            }
            keywords.append(.dynamicRef(target: targetIndex, anchor: anchor))
            edges.append(targetIndex)
        }

        // Numbers
        for (name, kind) in [
            ("minimum", SchemaBound.Kind.minimum), ("maximum", .maximum),
            ("exclusiveMinimum", .exclusiveMinimum), ("exclusiveMaximum", .exclusiveMaximum),
        ] {
            guard let value = object[name] else { continue }
            guard case .number(let limit) = value.value else { throw reader.invalid(name, "must be a number") }
            keywords.append(.bound(SchemaBound(kind: kind, limit: limit)))
        }
        if let value = object["multipleOf"] {
            guard case .number(let divisor) = value.value, divisor.double > 0 else {
                throw reader.invalid("multipleOf", "must be a number greater than 0")
            }
            keywords.append(
                .multipleOf(SchemaMultipleOf(divisor: divisor, exact: SchemaDecimal(literal: divisor.literal))))
        }

        // Strings
        if let value = object["minLength"] { keywords.append(.minLength(try reader.count("minLength", value))) }
        if let value = object["maxLength"] { keywords.append(.maxLength(try reader.count("maxLength", value))) }
        if let value = object["pattern"] {
            guard case .string(let pattern) = value.value else { throw reader.invalid("pattern", "must be a string") }
            keywords.append(.pattern(try regex(pattern, at: describe(location, "pattern"))))
        }
        if case .string(let name)? = object["format"]?.value, let format = SchemaFormat(rawValue: name) {
            keywords.append(.format(format))
        }

        // Objects
        if let value = object["required"] {
            keywords.append(.required(try reader.strings("required", value)))
        }
        if object.contains("properties") || object.contains("patternProperties")
            || object.contains("additionalProperties")
        {
            keywords.append(.members(try membersRule(object, at: location)))
        }
        if let value = object["propertyNames"] {
            keywords.append(.propertyNames(try reserve(child(location, "propertyNames"), schema: value)))
        }
        if let value = object["minProperties"] {
            keywords.append(.minProperties(try reader.count("minProperties", value)))
        }
        if let value = object["maxProperties"] {
            keywords.append(.maxProperties(try reader.count("maxProperties", value)))
        }
        if let value = object["dependentRequired"] {
            guard case .object(let map) = value.value else {
                throw reader.invalid("dependentRequired", "must be an object")
            }
            var rules: [(property: String, required: [String])] = []
            for member in map.members {
                rules.append((member.key, try reader.strings("dependentRequired", member.value)))
            }
            keywords.append(.dependentRequired(rules))
        }
        if let value = object["dependentSchemas"] {
            guard case .object(let map) = value.value else {
                throw reader.invalid("dependentSchemas", "must be an object")
            }
            var rules: [(property: String, schema: Int)] = []
            for member in map.members {
                let target = try reserve(child(location, "dependentSchemas", member.key), schema: member.value)
                rules.append((member.key, target))
                edges.append(target)
            }
            keywords.append(.dependentSchemas(rules))
        }

        // Arrays
        if object.contains("prefixItems") || object.contains("items") {
            var prefix: [Int] = []
            if let value = object["prefixItems"] {
                guard case .array(let items) = value.value, !items.isEmpty else {
                    throw reader.invalid("prefixItems", "must be a non-empty array of schemas")
                }
                for (i, item) in items.enumerated() {
                    prefix.append(try reserve(child(location, "prefixItems", String(i)), schema: item))
                }
            }
            var rest: Int?
            if let value = object["items"] {
                rest = try reserve(child(location, "items"), schema: value)
            }
            keywords.append(.items(prefix: prefix, rest: rest))
        }
        if let value = object["contains"] {
            let target = try reserve(child(location, "contains"), schema: value)
            let minimum = try object["minContains"].map { (v) throws(SchemaCompileError) in
                try reader.count("minContains", v)
            }
            let maximum = try object["maxContains"].map { (v) throws(SchemaCompileError) in
                try reader.count("maxContains", v)
            }
            keywords.append(.contains(schema: target, min: minimum ?? 1, max: maximum))
        }
        if let value = object["minItems"] { keywords.append(.minItems(try reader.count("minItems", value))) }
        if let value = object["maxItems"] { keywords.append(.maxItems(try reader.count("maxItems", value))) }
        if let value = object["uniqueItems"] {
            guard case .bool(let unique) = value.value else { throw reader.invalid("uniqueItems", "must be a boolean") }
            if unique { keywords.append(.uniqueItems) }
        }

        // Applicators
        for name in ["allOf", "anyOf", "oneOf"] {
            guard let value = object[name] else { continue }
            guard case .array(let items) = value.value, !items.isEmpty else {
                throw reader.invalid(name, "must be a non-empty array of schemas")
            }
            var branches: [Int] = []
            for (i, item) in items.enumerated() {
                branches.append(try reserve(child(location, name, String(i)), schema: item))
            }
            edges.append(contentsOf: branches)
            switch name {
            case "allOf": keywords.append(.allOf(branches))
            case "anyOf": keywords.append(.anyOf(branches))
            default: keywords.append(.oneOf(branches))
            }
        }
        if let value = object["not"] {
            let target = try reserve(child(location, "not"), schema: value)
            keywords.append(.not(target))
            edges.append(target)
        }
        if let value = object["if"] {
            let condition = try reserve(child(location, "if"), schema: value)
            let then = try object["then"].map { (v) throws(SchemaCompileError) in
                try reserve(child(location, "then"), schema: v)
            }
            let otherwise = try object["else"].map { (v) throws(SchemaCompileError) in
                try reserve(child(location, "else"), schema: v)
            }
            keywords.append(.conditional(condition: condition, then: then, otherwise: otherwise))
            edges.append(condition)
            if let then { edges.append(then) }
            if let otherwise { edges.append(otherwise) }
        }

        // Unevaluated: last, after every keyword that produces annotations.
        if let value = object["unevaluatedProperties"] {
            keywords.append(
                .unevaluatedProperties(try reserve(child(location, "unevaluatedProperties"), schema: value)))
            node.tracksUnevaluated = true
        }
        if let value = object["unevaluatedItems"] {
            keywords.append(.unevaluatedItems(try reserve(child(location, "unevaluatedItems"), schema: value)))
            node.tracksUnevaluated = true
        }

        node.keywords = keywords
        if !edges.isEmpty { inPlaceEdges[index] = edges }
        return node
    }

    /// `properties`, `patternProperties` and `additionalProperties` of one schema.
    private mutating func membersRule(_ object: JSONObject, at location: Location) throws(SchemaCompileError)
        -> SchemaMembersRule
    {
        var rule = SchemaMembersRule(propertyNames: [], propertySchemas: [], patterns: [], additional: nil)
        if let value = object["properties"] {
            guard case .object(let map) = value.value else {
                throw .invalidKeyword(location: describe(location, "properties"), message: "must be an object")
            }
            for member in map.members {
                rule.propertySchemas.append(try reserve(child(location, "properties", member.key), schema: member.value))
                rule.propertyNames.append(member.key)
            }
        }
        if let value = object["patternProperties"] {
            guard case .object(let map) = value.value else {
                throw .invalidKeyword(location: describe(location, "patternProperties"), message: "must be an object")
            }
            for member in map.members {
                let compiled = try regex(member.key, at: describe(child(location, "patternProperties", member.key)))
                let target = try reserve(child(location, "patternProperties", member.key), schema: member.value)
                rule.patterns.append((compiled, target))
            }
        }
        if let value = object["additionalProperties"] {
            rule.additional = try reserve(child(location, "additionalProperties"), schema: value)
        }
        return rule
    }

    /// `location` extended by the given pointer tokens.
    func child(_ location: Location, _ tokens: String...) -> Location {
        var pointer = location.pointer
        for token in tokens { pointer += "/" + JSONPointer.escape(token) }
        return Location(document: location.document, pointer: pointer)
    }

    /// A compiled regular expression, shared by every use of the same pattern.
    private mutating func regex(_ pattern: String, at location: String) throws(SchemaCompileError) -> SchemaRegex {
        if let cached = regexCache[pattern] { return cached }
        do {
            let compiled = try SchemaRegex(pattern)
            regexCache[pattern] = compiled
            return compiled
        } catch {
            throw .invalidPattern(location: location, pattern: pattern, message: "\(error)")
        }
    }

    /// Reserves the nodes of every `$dynamicAnchor` called `name` and records them per resource.
    private mutating func registerDynamicAnchors(named name: String) throws(SchemaCompileError) -> [Int] {
        var targets: [Int] = []
        for location in dynamicAnchorLocations[name] ?? [] {
            guard let schema = JSONPointer.resolve(location.pointer, in: documents[location.document].root) else {
                continue
            }
            let index = try reserve(location, schema: schema)
            targets.append(index)
            let resource = scope(of: location).resource
            if dynamicAnchors[resource][name] == nil { dynamicAnchors[resource][name] = index }
        }
        return targets
    }
}

/// Reads keyword values of one schema object, with errors that name the keyword's location.
struct KeywordReader {
    /// The schema's location text (pointer, with `uri#` for registered documents).
    var locationText: String

    func invalid(_ keyword: String, _ message: String) -> SchemaCompileError {
        .invalidKeyword(location: locationText + "/" + JSONPointer.escape(keyword), message: message)
    }

    /// A non-negative integer (`2.0` counts, as the suite requires).
    func count(_ keyword: String, _ value: JSONNode) throws(SchemaCompileError) -> Int {
        guard case .number(let n) = value.value, n.isInteger, n.double >= 0 else {
            throw invalid(keyword, "must be a non-negative integer")
        }
        return n.double > Double(Int32.max) ? Int(Int32.max) : Int(n.double)
    }

    /// An array of strings.
    func strings(_ keyword: String, _ value: JSONNode) throws(SchemaCompileError) -> [String] {
        guard case .array(let items) = value.value else { throw invalid(keyword, "must be an array of strings") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item.value else { throw invalid(keyword, "must be an array of strings") }
            result.append(text)
        }
        return result
    }

    /// `type`: a type name or an array of them.
    func types(_ value: JSONNode) throws(SchemaCompileError) -> SchemaTypes {
        let names: [String]
        switch value.value {
        case .string(let name): names = [name]
        case .array: names = try strings("type", value)
        default: throw invalid("type", "must be a type name or an array of type names")
        }
        var types: SchemaTypes = []
        for name in names {
            guard let type = SchemaTypes(name: name) else {
                throw invalid(
                    "type", "unknown type \"\(name)\" (use null, boolean, object, array, number, string or integer)")
            }
            types.insert(type)
        }
        return types
    }
}
