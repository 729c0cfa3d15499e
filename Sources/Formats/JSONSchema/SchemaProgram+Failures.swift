/// Reporting of failed keywords. Each function returns false (the keyword failed) and, when
/// reporting, records a violation with its message.
///
/// They are never inlined: message building needs many temporaries, and keeping them out of
/// the recursive evaluation frames is what keeps deep documents within a thread's stack.
extension SchemaProgram {
    @inline(never)
    func failDepth(_ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].location,
            message: "nested too deeply to validate (schema evaluation stopped)")
        return false
    }

    @inline(never)
    func failNever(_ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].location, message: "no value is allowed here",
            kind: .falseSchema)
        return false
    }

    @inline(never)
    func failType(_ types: SchemaTypes, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation("type"),
            message: "expected \(types.phrase), got \(SchemaValueSupport.typeName(instance.value))", kind: .type(types))
        return false
    }

    @inline(never)
    func failConstant(_ value: JSONValue, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation("const"),
            message: "must be \(SchemaValueSupport.render(value))", kind: .values([value]))
        return false
    }

    @inline(never)
    func failEnumeration(_ values: [JSONValue], _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation("enum"),
            message: Self.oneOfValuesMessage(values), kind: .values(values))
        return false
    }

    /// Every missing name, at the object.
    @inline(never)
    func failRequired(
        _ names: [String], _ id: Int, _ instance: JSONNode, _ object: JSONObject, _ ev: inout SchemaEvaluation
    ) -> Bool {
        guard ev.report else { return false }
        for name in names where !object.contains(name) {
            ev.fail(
                at: instance.position, keywordLocation: nodes[id].keywordLocation("required"),
                message: "missing required property \(SchemaValueSupport.quoted(name))")
        }
        return false
    }

    /// `minProperties`, `maxProperties`, `minItems`, `maxItems`, `minLength`, `maxLength`.
    @inline(never)
    func failCount(
        _ keyword: String, _ limit: Int, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation
    ) -> Bool {
        guard ev.report else { return false }
        let message: String
        switch keyword {
        case "minProperties": message = "must have at least \(Self.plural(limit, "property", "properties"))"
        case "maxProperties": message = "must have at most \(Self.plural(limit, "property", "properties"))"
        case "minItems": message = "must have at least \(Self.plural(limit, "item", "items"))"
        case "maxItems": message = "must have at most \(Self.plural(limit, "item", "items"))"
        case "minLength": message = "must be at least \(Self.plural(limit, "character", "characters")) long"
        default: message = "must be at most \(Self.plural(limit, "character", "characters")) long"
        }
        ev.fail(at: instance.position, keywordLocation: nodes[id].keywordLocation(keyword), message: message)
        return false
    }

    @inline(never)
    func failDependentRequired(
        _ rules: [(property: String, required: [String])], _ id: Int, _ instance: JSONNode, _ object: JSONObject,
        _ ev: inout SchemaEvaluation
    ) -> Bool {
        guard ev.report else { return false }
        for rule in rules where object.contains(rule.property) {
            for name in rule.required where !object.contains(name) {
                ev.fail(
                    at: instance.position,
                    keywordLocation: nodes[id].keywordLocation("dependentRequired") + "/"
                        + JSONPointer.escape(rule.property),
                    message: "missing property \(SchemaValueSupport.quoted(name)) "
                        + "(required when \(SchemaValueSupport.quoted(rule.property)) is present)")
            }
        }
        return false
    }

    /// A member whose schema is `false`: an unknown property (from `additionalProperties` or
    /// `unevaluatedProperties`, with a likely intended name) or a forbidden one (`properties`).
    @inline(never)
    func failMember(
        _ member: JSONMember, _ id: Int, _ child: Int, _ catchAll: String?, _ ev: inout SchemaEvaluation
    ) -> Bool {
        guard ev.report else { return false }
        let name = SchemaValueSupport.quoted(member.key)
        guard let catchAll else {
            ev.fail(
                at: member.keyPosition, extra: .key(member.key), keywordLocation: nodes[child].location,
                message: "property \(name) is not allowed")
            return false
        }
        var declared: [String] = []
        for keyword in nodes[id].keywords {
            if case .members(let rule) = keyword { declared = rule.propertyNames }
        }
        ev.fail(
            at: member.keyPosition, extra: .key(member.key), keywordLocation: nodes[id].keywordLocation(catchAll),
            message: "unknown property \(name)" + Self.suggestion(for: member.key, among: declared))
        return false
    }

    /// Rewrites the violations a property name produced so they say which name.
    @inline(never)
    func explainPropertyName(
        _ member: JSONMember, _ child: Int, _ id: Int, since mark: Int, _ ev: inout SchemaEvaluation
    ) {
        if nodes[child].isFalse {
            ev.violations.removeSubrange(mark...)
            ev.fail(
                at: member.keyPosition, extra: .key(member.key),
                keywordLocation: nodes[id].keywordLocation("propertyNames"),
                message: "property \(SchemaValueSupport.quoted(member.key)) is not allowed")
            return
        }
        for i in mark..<ev.violations.count {
            ev.violations[i].violation.message =
                "property name \(SchemaValueSupport.quoted(member.key)) " + ev.violations[i].violation.message
        }
    }

    @inline(never)
    func failUnevaluatedItem(_ item: JSONNode, _ index: Int, _ id: Int, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: item.position, extra: .index(index), keywordLocation: nodes[id].keywordLocation("unevaluatedItems"),
            message: "unexpected item (not allowed by any schema)")
        return false
    }

    @inline(never)
    func failExtraItem(
        _ item: JSONNode, _ index: Int, _ allowed: Int, _ child: Int, _ ev: inout SchemaEvaluation
    ) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: item.position, extra: .index(index), keywordLocation: nodes[child].location,
            message: "unexpected item: at most \(Self.plural(allowed, "item", "items")) allowed")
        return false
    }

    @inline(never)
    func failContains(
        _ count: Int, _ minimum: Int, _ maximum: Int?, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation
    ) -> Bool {
        guard ev.report else { return false }
        if let maximum {
            ev.fail(
                at: instance.position, keywordLocation: nodes[id].keywordLocation("maxContains"),
                message:
                    "must contain at most \(Self.plural(maximum, "item", "items")) matching the contains schema (found \(count))"
            )
        } else if minimum == 1 {
            ev.fail(
                at: instance.position, keywordLocation: nodes[id].keywordLocation("contains"),
                message: "must contain an item matching the contains schema")
        } else {
            ev.fail(
                at: instance.position, keywordLocation: nodes[id].keywordLocation("minContains"),
                message: "must contain at least \(minimum) items matching the contains schema (found \(count))")
        }
        return false
    }

    /// Each item equal to an earlier one, at the later item.
    @inline(never)
    func failUnique(_ id: Int, _ items: [JSONNode], _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        for j in items.indices {
            guard let i = (0..<j).first(where: { items[$0].value.jsonEquals(items[j].value) }) else { continue }
            ev.fail(
                at: items[j].position, extra: .index(j), keywordLocation: nodes[id].keywordLocation("uniqueItems"),
                message: "duplicate of item \(i); items must be unique")
        }
        return false
    }

    @inline(never)
    func failPattern(_ regex: SchemaRegex, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation("pattern"),
            message: "does not match pattern \(regex.source)")
        return false
    }

    @inline(never)
    func failFormat(_ format: SchemaFormat, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(at: instance.position, keywordLocation: nodes[id].keywordLocation("format"), message: format.message)
        return false
    }

    @inline(never)
    func failBound(_ bound: SchemaBound, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation(bound.kind.keyword),
            message: bound.message)
        return false
    }

    @inline(never)
    func failMultipleOf(_ rule: SchemaMultipleOf, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool
    {
        guard ev.report else { return false }
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation("multipleOf"),
            message: "must be a multiple of \(rule.divisor.literal)")
        return false
    }

    @inline(never)
    func failNot(_ child: Int, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        guard ev.report else { return false }
        let message =
            nodes[child].keywords.isEmpty ? "no value is allowed here" : "must not match the schema in \"not\""
        ev.fail(at: instance.position, keywordLocation: nodes[id].keywordLocation("not"), message: message)
        return false
    }

    // MARK: - Message helpers

    static func plural(_ count: Int, _ one: String, _ many: String) -> String {
        "\(count) \(count == 1 ? one : many)"
    }

    /// `must be one of: "a", "b", "c"` (long lists are cut).
    static func oneOfValuesMessage(_ values: [JSONValue]) -> String {
        if values.count == 1 { return "must be \(SchemaValueSupport.render(values[0]))" }
        let shown = values.prefix(12).map { SchemaValueSupport.render($0, limit: 40) }
        return "must be one of: " + shown.joined(separator: ", ") + (values.count > 12 ? ", …" : "")
    }

    /// ` (did you mean "image"?)` when a declared property is a likely typo target, else "".
    static func suggestion(for key: String, among names: [String]) -> String {
        var best: (name: String, distance: Int)?
        let keyScalars = Array(key.unicodeScalars)
        for name in names {
            let distance = EditDistance.between(keyScalars, Array(name.unicodeScalars))
            let length = name.unicodeScalars.count
            if distance <= max(1, min(2, length / 3)), distance < length, distance < (best?.distance ?? .max) {
                best = (name, distance)
            }
        }
        guard let best else { return "" }
        return " (did you mean \(SchemaValueSupport.quoted(best.name))?)"
    }
}
