/// The keyword handlers, grouped by the instance type they apply to, and the applicators.
extension SchemaProgram {
    // MARK: - Objects

    @inline(never)
    func checkObject(
        _ keyword: SchemaKeyword, _ id: Int, _ instance: JSONNode, _ object: JSONObject,
        _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        switch keyword {
        case .members(let rule):
            return checkMembers(rule, id, object, &ev, &annotations, collect: collect)
        case .required(let names):
            for name in names where !object.contains(name) {
                return failRequired(names, id, instance, object, &ev)
            }
            return true
        case .propertyNames(let child):
            return checkPropertyNames(child, id, object, &ev)
        case .minProperties(let limit):
            return object.count >= limit || failCount("minProperties", limit, id, instance, &ev)
        case .maxProperties(let limit):
            return object.count <= limit || failCount("maxProperties", limit, id, instance, &ev)
        case .dependentRequired(let rules):
            for rule in rules where object.contains(rule.property) {
                for name in rule.required where !object.contains(name) {
                    return failDependentRequired(rules, id, instance, object, &ev)
                }
            }
            return true
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
                if !checkMember(child, member, id, "unevaluatedProperties", &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            annotations.allProperties = true
            return valid
        default:
            return true
        }
    }

    /// `properties`, `patternProperties` and `additionalProperties` in one pass over the members.
    @inline(never)
    private func checkMembers(
        _ rule: SchemaMembersRule, _ id: Int, _ object: JSONObject, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        var valid = true
        for member in object.members {
            var matched = false
            if let child = rule.schema(forProperty: member.key) {
                matched = true
                if !checkMember(child, member, id, nil, &ev) {
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
                if !checkMember(additional, member, id, "additionalProperties", &ev) {
                    valid = false
                    if !ev.report { return false }
                }
            }
            if collect && matched && rule.additional == nil { annotations.properties.append(member.key) }
        }
        if collect && rule.additional != nil { annotations.allProperties = true }
        return valid
    }

    /// One member against `child`; a `false` child is reported at the member's key, as an
    /// unknown property when it comes from `additionalProperties`/`unevaluatedProperties`.
    private func checkMember(
        _ child: Int, _ member: JSONMember, _ id: Int, _ catchAll: String?, _ ev: inout SchemaEvaluation
    ) -> Bool {
        if nodes[child].isFalse { return failMember(member, id, child, catchAll, &ev) }
        return descend(child, member.value, .key(member.key), &ev)
    }

    @inline(never)
    private func checkPropertyNames(_ child: Int, _ id: Int, _ object: JSONObject, _ ev: inout SchemaEvaluation) -> Bool
    {
        var valid = true
        for member in object.members {
            let mark = ev.violations.count
            let name = JSONNode(.string(member.key), at: member.keyPosition)
            if descend(child, name, .key(member.key), &ev) { continue }
            valid = false
            guard ev.report else { return false }
            explainPropertyName(member, child, id, since: mark, &ev)
        }
        return valid
    }

    // MARK: - Arrays

    @inline(never)
    func checkArray(
        _ keyword: SchemaKeyword, _ id: Int, _ instance: JSONNode, _ items: [JSONNode],
        _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        switch keyword {
        case .items(let prefix, let rest):
            return checkItems(prefix, rest, items, &ev, &annotations, collect: collect)
        case .contains(let child, let minimum, let maximum):
            return checkContains(child, minimum, maximum, id, instance, items, &ev, &annotations, collect: collect)
        case .minItems(let limit):
            return items.count >= limit || failCount("minItems", limit, id, instance, &ev)
        case .maxItems(let limit):
            return items.count <= limit || failCount("maxItems", limit, id, instance, &ev)
        case .uniqueItems:
            return checkUnique(id, items, &ev)
        case .unevaluatedItems(let child):
            var valid = true
            for (i, item) in items.enumerated() where !annotations.evaluated(item: i) {
                let passed =
                    nodes[child].isFalse
                    ? failUnevaluatedItem(item, i, id, &ev) : descend(child, item, .index(i), &ev)
                if !passed {
                    valid = false
                    if !ev.report { return false }
                }
            }
            annotations.allItems = true
            return valid
        default:
            return true
        }
    }

    @inline(never)
    private func checkItems(
        _ prefix: [Int], _ rest: Int?, _ items: [JSONNode], _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
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
                valid = failExtraItem(item, i, prefix.count, child, &ev)
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
    }

    @inline(never)
    private func checkContains(
        _ child: Int, _ minimum: Int, _ maximum: Int?, _ id: Int, _ instance: JSONNode, _ items: [JSONNode],
        _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        var count = 0
        let countAll = maximum != nil || collect
        for (i, item) in items.enumerated() {
            var scratch = SchemaAnnotations()
            guard quietly(child, item, &ev, &scratch, collect: false) else { continue }
            count += 1
            if collect { annotations.containsIndices.append(i) }
            if !countAll && count >= minimum { break }
        }
        if count < minimum { return failContains(count, minimum, nil, id, instance, &ev) }
        if let maximum, count > maximum { return failContains(count, minimum, maximum, id, instance, &ev) }
        return true
    }

    @inline(never)
    private func checkUnique(_ id: Int, _ items: [JSONNode], _ ev: inout SchemaEvaluation) -> Bool {
        if items.count > 16 {
            // Hash canonical encodings instead of comparing every pair.
            var seen = Set<[UInt8]>()
            var unique = true
            for item in items where !seen.insert(item.value.canonicalKey).inserted {
                unique = false
                break
            }
            if unique { return true }
        } else {
            var unique = true
            outer: for j in items.indices {
                for i in 0..<j where items[i].value.jsonEquals(items[j].value) {
                    unique = false
                    break outer
                }
            }
            if unique { return true }
        }
        return failUnique(id, items, &ev)
    }

    // MARK: - Strings and numbers

    @inline(never)
    func checkString(
        _ keyword: SchemaKeyword, _ id: Int, _ instance: JSONNode, _ text: String, _ ev: inout SchemaEvaluation
    ) -> Bool {
        switch keyword {
        case .minLength(let limit):
            // The UTF-8 length bounds the number of code points from above.
            let short = text.utf8.count < limit || text.unicodeScalars.count < limit
            return !short || failCount("minLength", limit, id, instance, &ev)
        case .maxLength(let limit):
            let long = text.utf8.count > limit && text.unicodeScalars.count > limit
            return !long || failCount("maxLength", limit, id, instance, &ev)
        case .pattern(let regex):
            return regex.matches(text) || failPattern(regex, id, instance, &ev)
        case .format(let format):
            return format.admits(text) || failFormat(format, id, instance, &ev)
        default:
            return true
        }
    }

    @inline(never)
    func checkNumber(
        _ keyword: SchemaKeyword, _ id: Int, _ instance: JSONNode, _ number: JSONNumber, _ ev: inout SchemaEvaluation
    ) -> Bool {
        switch keyword {
        case .bound(let bound):
            return bound.admits(number) || failBound(bound, id, instance, &ev)
        case .multipleOf(let rule):
            return rule.admits(number) || failMultipleOf(rule, id, instance, &ev)
        default:
            return true
        }
    }

    func checkEnumeration(_ values: [JSONValue], _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool
    {
        for value in values where value.jsonEquals(instance.value) { return true }
        return failEnumeration(values, id, instance, &ev)
    }

    // MARK: - Applicators

    @inline(never)
    func checkAllOf(
        _ branches: [Int], _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        var valid = true
        for branch in branches where !evaluate(branch, instance, &ev, &annotations, collect: collect) {
            valid = false
            if !ev.report { return false }
        }
        return valid
    }

    func checkNot(_ child: Int, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) -> Bool {
        var scratch = SchemaAnnotations()
        return !quietly(child, instance, &ev, &scratch, collect: false) || failNot(child, id, instance, &ev)
    }

    @inline(never)
    func checkConditional(
        _ condition: Int, _ then: Int?, _ otherwise: Int?, _ instance: JSONNode, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        var conditionAnnotations = SchemaAnnotations()
        if quietly(condition, instance, &ev, &conditionAnnotations, collect: collect) {
            if collect { annotations.merge(conditionAnnotations) }
            guard let then else { return true }
            return evaluate(then, instance, &ev, &annotations, collect: collect)
        }
        guard let otherwise else { return true }
        return evaluate(otherwise, instance, &ev, &annotations, collect: collect)
    }
}
