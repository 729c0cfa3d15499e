/// Evaluation of compiled schemas against an instance.
extension SchemaProgram {
    /// Evaluates node `id` against `instance`. With `collect`, records into `annotations` which
    /// properties and items of this value were evaluated (for an enclosing `unevaluated…`).
    func evaluate(
        _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        let node = nodes[id]
        guard ev.depth < SchemaEvaluation.depthLimit else {
            ev.fail(
                at: instance.position, keywordLocation: node.location,
                message: "schema evaluation is nested more than \(SchemaEvaluation.depthLimit) levels deep")
            return false
        }
        ev.depth += 1
        let enteredResource = ev.scope.last != node.resource
        if enteredResource { ev.scope.append(node.resource) }
        defer {
            ev.depth -= 1
            if enteredResource { ev.scope.removeLast() }
        }
        if node.tracksUnevaluated {
            var local = SchemaAnnotations()
            let valid = evaluateKeywords(node, instance, &ev, &local, collect: true)
            if collect { annotations.merge(local) }
            return valid
        }
        return evaluateKeywords(node, instance, &ev, &annotations, collect: collect)
    }

    private func evaluateKeywords(
        _ node: SchemaNode, _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        var valid = true
        for keyword in node.keywords {
            let passed: Bool
            switch instance.value {
            case .object(let object):
                passed = checkObject(keyword, node, instance, object, &ev, &annotations, collect: collect)
            case .array(let items):
                passed = checkArray(keyword, node, instance, items, &ev, &annotations, collect: collect)
            default:
                passed = check(keyword, node, instance, &ev, &annotations, collect: collect)
            }
            if !passed {
                valid = false
                if !ev.report { return false }
            }
        }
        return valid
    }

    /// Evaluates a child schema against a member or item of the current value.
    func descend(
        _ child: Int, _ value: JSONNode, _ token: SchemaEvaluation.PathToken, _ ev: inout SchemaEvaluation
    ) -> Bool {
        if ev.report { ev.path.append(token) }
        var scratch = SchemaAnnotations()
        let valid = evaluate(child, value, &ev, &scratch, collect: false)
        if ev.report { ev.path.removeLast() }
        return valid
    }

    /// Evaluates `child` for its validity only, without reporting.
    func quietly(
        _ child: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        let report = ev.report
        ev.report = false
        let valid = evaluate(child, instance, &ev, &annotations, collect: collect)
        ev.report = report
        return valid
    }

    // MARK: - Keywords on objects

    private func checkObject(
        _ keyword: SchemaKeyword, _ node: SchemaNode, _ instance: JSONNode, _ object: JSONObject,
        _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        switch keyword {
        case .members(let rule):
            return checkMembers(rule, node, object, &ev, &annotations, collect: collect)
        case .required(let names):
            var valid = true
            for name in names where !object.contains(name) {
                valid = false
                guard ev.report else { return false }
                ev.fail(
                    at: instance.position, keywordLocation: node.keywordLocation("required"),
                    message: "missing required property \(SchemaValueSupport.quoted(name))")
            }
            return valid
        case .propertyNames(let child):
            var valid = true
            for member in object.members {
                let name = JSONNode(.string(member.key), at: member.keyPosition)
                let mark = ev.violations.count
                if descend(child, name, .key(member.key), &ev) { continue }
                valid = false
                guard ev.report else { return false }
                if nodes[child].isFalse {
                    ev.violations.removeSubrange(mark...)
                    ev.fail(
                        at: member.keyPosition, extra: .key(member.key), keywordLocation: node.keywordLocation("propertyNames"),
                        message: "property \(SchemaValueSupport.quoted(member.key)) is not allowed")
                } else {
                    for i in mark..<ev.violations.count {
                        ev.violations[i].violation.message =
                            "property name \(SchemaValueSupport.quoted(member.key)) " + ev.violations[i].violation.message
                    }
                }
            }
            return valid
        case .minProperties(let limit):
            guard object.count < limit else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("minProperties"),
                message: "must have at least \(Self.plural(limit, "property", "properties"))")
            return false
        case .maxProperties(let limit):
            guard object.count > limit else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("maxProperties"),
                message: "must have at most \(Self.plural(limit, "property", "properties"))")
            return false
        case .dependentRequired(let rules):
            var valid = true
            for rule in rules where object.contains(rule.property) {
                for name in rule.required where !object.contains(name) {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: instance.position,
                        keywordLocation: node.keywordLocation("dependentRequired") + "/"
                            + JSONPointer.escape(rule.property),
                        message: "missing property \(SchemaValueSupport.quoted(name)) "
                            + "(required when \(SchemaValueSupport.quoted(rule.property)) is present)")
                }
            }
            return valid
        case .dependentSchemas(let rules):
            var valid = true
            for rule in rules where object.contains(rule.property) {
                if !evaluate(rule.schema, instance, &ev, &annotations, collect: collect) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            return valid
        case .unevaluatedProperties(let child):
            var valid = true
            for member in object.members where !annotations.evaluated(property: member.key) {
                if nodes[child].isFalse {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: member.keyPosition, extra: .key(member.key),
                        keywordLocation: node.keywordLocation("unevaluatedProperties"),
                        message: "unknown property \(SchemaValueSupport.quoted(member.key))")
                } else if !descend(child, member.value, .key(member.key), &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            annotations.allProperties = true
            return valid
        default:
            return check(keyword, node, instance, &ev, &annotations, collect: collect)
        }
    }

    /// `properties`, `patternProperties` and `additionalProperties` in one pass over the members.
    private func checkMembers(
        _ rule: SchemaMembersRule, _ node: SchemaNode, _ object: JSONObject, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        var valid = true
        for member in object.members {
            var matched = false
            if let child = rule.properties[member.key] {
                matched = true
                if nodes[child].isFalse {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: member.keyPosition, extra: .key(member.key),
                        keywordLocation: nodes[child].location,
                        message: "property \(SchemaValueSupport.quoted(member.key)) is not allowed")
                } else if !descend(child, member.value, .key(member.key), &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            for pattern in rule.patterns where pattern.regex.matches(member.key) {
                matched = true
                if !descend(pattern.schema, member.value, .key(member.key), &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            if !matched, let additional = rule.additional {
                if nodes[additional].isFalse {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: member.keyPosition, extra: .key(member.key),
                        keywordLocation: node.keywordLocation("additionalProperties"),
                        message: "unknown property \(SchemaValueSupport.quoted(member.key))"
                            + Self.suggestion(for: member.key, among: rule.propertyNames))
                } else if !descend(additional, member.value, .key(member.key), &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            if collect && matched && rule.additional == nil { annotations.properties.append(member.key) }
        }
        if collect && rule.additional != nil { annotations.allProperties = true }
        return valid
    }

    // MARK: - Keywords on arrays

    private func checkArray(
        _ keyword: SchemaKeyword, _ node: SchemaNode, _ instance: JSONNode, _ items: [JSONNode],
        _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        switch keyword {
        case .items(let prefix, let rest):
            var valid = true
            for (i, item) in items.enumerated() {
                let child: Int
                if i < prefix.count {
                    child = prefix[i]
                } else if let rest {
                    child = rest
                } else {
                    break
                }
                if nodes[child].isFalse {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: item.position, extra: .index(i), keywordLocation: nodes[child].location,
                        message: "unexpected item: at most \(Self.plural(prefix.count, "item", "items")) allowed")
                    break
                }
                if !descend(child, item, .index(i), &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            if collect {
                if rest != nil {
                    annotations.allItems = true
                } else {
                    annotations.prefixItems = max(annotations.prefixItems, min(prefix.count, items.count))
                }
            }
            return valid
        case .contains(let child, let minimum, let maximum):
            var count = 0
            let countAll = maximum != nil || collect
            for (i, item) in items.enumerated() {
                var scratch = SchemaAnnotations()
                guard quietly(child, item, &ev, &scratch, collect: false) else { continue }
                count += 1
                if collect { annotations.containsIndices.append(i) }
                if !countAll && count >= minimum { break }
            }
            if count < minimum {
                let message =
                    minimum == 1
                    ? "must contain an item matching the contains schema"
                    : "must contain at least \(minimum) items matching the contains schema (found \(count))"
                ev.fail(
                    at: instance.position,
                    keywordLocation: node.keywordLocation(minimum == 1 ? "contains" : "minContains"), message: message)
                return false
            }
            if let maximum, count > maximum {
                ev.fail(
                    at: instance.position, keywordLocation: node.keywordLocation("maxContains"),
                    message: "must contain at most \(Self.plural(maximum, "item", "items")) matching the contains schema (found \(count))")
                return false
            }
            return true
        case .minItems(let limit):
            guard items.count < limit else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("minItems"),
                message: "must have at least \(Self.plural(limit, "item", "items"))")
            return false
        case .maxItems(let limit):
            guard items.count > limit else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("maxItems"),
                message: "must have at most \(Self.plural(limit, "item", "items"))")
            return false
        case .uniqueItems:
            if !ev.report && items.count > 16 {
                // Hash canonical encodings instead of comparing every pair.
                var seen = Set<[UInt8]>()
                for item in items where !seen.insert(item.value.canonicalKey).inserted { return false }
                return true
            }
            var valid = true
            for j in items.indices {
                for i in 0..<j where items[i].value.jsonEquals(items[j].value) {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: items[j].position, extra: .index(j), keywordLocation: node.keywordLocation("uniqueItems"),
                        message: "duplicate of item \(i); items must be unique")
                    break
                }
            }
            return valid
        case .unevaluatedItems(let child):
            var valid = true
            for (i, item) in items.enumerated() where !annotations.evaluated(item: i) {
                if nodes[child].isFalse {
                    valid = false
                    guard ev.report else { return false }
                    ev.fail(
                        at: item.position, extra: .index(i), keywordLocation: node.keywordLocation("unevaluatedItems"),
                        message: "unexpected item (not allowed by any schema)")
                } else if !descend(child, item, .index(i), &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            annotations.allItems = true
            return valid
        default:
            return check(keyword, node, instance, &ev, &annotations, collect: collect)
        }
    }

    // MARK: - Keywords on any value

    private func check(
        _ keyword: SchemaKeyword, _ node: SchemaNode, _ instance: JSONNode, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        switch keyword {
        case .never:
            ev.fail(
                at: instance.position, keywordLocation: node.location, message: "no value is allowed here",
                kind: .falseSchema)
            return false
        case .type(let types):
            guard !types.admits(instance.value) else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("type"),
                message: "expected \(types.phrase), got \(SchemaValueSupport.typeName(instance.value))",
                kind: .type(types))
            return false
        case .constant(let value):
            guard !value.jsonEquals(instance.value) else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("const"),
                message: "must be \(SchemaValueSupport.render(value))", kind: .values([value]))
            return false
        case .enumeration(let values):
            for value in values where value.jsonEquals(instance.value) { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("enum"),
                message: Self.oneOfValuesMessage(values), kind: .values(values))
            return false
        case .minLength(let limit):
            guard case .string(let text) = instance.value else { return true }
            // UTF-8 length bounds the number of code points from above.
            guard text.utf8.count < limit || text.unicodeScalars.count < limit else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("minLength"),
                message: "must be at least \(Self.plural(limit, "character", "characters")) long")
            return false
        case .maxLength(let limit):
            guard case .string(let text) = instance.value else { return true }
            guard text.utf8.count > limit, text.unicodeScalars.count > limit else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("maxLength"),
                message: "must be at most \(Self.plural(limit, "character", "characters")) long")
            return false
        case .pattern(let regex):
            guard case .string(let text) = instance.value, !regex.matches(text) else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("pattern"),
                message: "does not match pattern \(regex.source)")
            return false
        case .format(let format):
            guard case .string(let text) = instance.value, !format.admits(text) else { return true }
            ev.fail(at: instance.position, keywordLocation: node.keywordLocation("format"), message: format.message)
            return false
        case .bound(let bound):
            guard case .number(let number) = instance.value, !bound.admits(number) else { return true }
            ev.fail(at: instance.position, keywordLocation: node.keywordLocation(bound.kind.keyword), message: bound.message)
            return false
        case .multipleOf(let rule):
            guard case .number(let number) = instance.value, !rule.admits(number) else { return true }
            ev.fail(
                at: instance.position, keywordLocation: node.keywordLocation("multipleOf"),
                message: "must be a multiple of \(rule.divisor.literal)")
            return false
        case .allOf(let branches):
            var valid = true
            for branch in branches where !evaluate(branch, instance, &ev, &annotations, collect: collect) {
                valid = false
                if !ev.report { return false }
            }
            return valid
        case .anyOf(let branches):
            return checkAnyOf(branches, node, instance, &ev, &annotations, collect: collect)
        case .oneOf(let branches):
            return checkOneOf(branches, node, instance, &ev, &annotations, collect: collect)
        case .not(let child):
            var scratch = SchemaAnnotations()
            guard quietly(child, instance, &ev, &scratch, collect: false) else { return true }
            let message =
                nodes[child].keywords.isEmpty ? "no value is allowed here" : "must not match the schema in \"not\""
            ev.fail(at: instance.position, keywordLocation: node.keywordLocation("not"), message: message)
            return false
        case .conditional(let condition, let then, let otherwise):
            var conditionAnnotations = SchemaAnnotations()
            if quietly(condition, instance, &ev, &conditionAnnotations, collect: collect) {
                if collect { annotations.merge(conditionAnnotations) }
                guard let then else { return true }
                return evaluate(then, instance, &ev, &annotations, collect: collect)
            }
            guard let otherwise else { return true }
            return evaluate(otherwise, instance, &ev, &annotations, collect: collect)
        case .ref(let target):
            return evaluate(target, instance, &ev, &annotations, collect: collect)
        case .dynamicRef(let target, let anchor):
            var resolved = target
            if let anchor {
                for resource in ev.scope {
                    if let found = dynamicAnchors[resource][anchor] {
                        resolved = found
                        break
                    }
                }
            }
            return evaluate(resolved, instance, &ev, &annotations, collect: collect)
        case .members, .required, .propertyNames, .minProperties, .maxProperties, .dependentRequired,
            .dependentSchemas, .unevaluatedProperties, .items, .contains, .minItems, .maxItems, .uniqueItems,
            .unevaluatedItems:
            return true
        }
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
        let keyChars = Array(key.unicodeScalars)
        for name in names {
            let distance = editDistance(keyChars, Array(name.unicodeScalars))
            if distance <= max(1, min(2, name.unicodeScalars.count / 3)), distance < (best?.distance ?? .max) {
                best = (name, distance)
            }
        }
        guard let best else { return "" }
        return " (did you mean \(SchemaValueSupport.quoted(best.name))?)"
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
