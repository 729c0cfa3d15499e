/// Evaluation of compiled schemas against an instance: the recursive core.
///
/// Stack use matters here: evaluation recurses once per level of instance nesting (and per
/// `$ref`), so the functions on that path stay small. Keyword handlers live in
/// `SchemaProgram+Keywords.swift` and every message is built in a separate, never-inlined
/// function (`SchemaProgram+Failures.swift`) whose temporaries are not part of these frames.
extension SchemaProgram {
    /// Evaluates node `id` against `instance`. With `collect`, records into `annotations` which
    /// properties and items of this value were evaluated (for an enclosing `unevaluated…`).
    @inline(never)
    func evaluate(
        _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        guard !ev.isTooDeep else { return failDepth(id, instance, &ev) }
        ev.depth += 1
        let resource = nodes[id].resource
        let enteredResource = ev.scope.last != resource
        if enteredResource { ev.scope.append(resource) }
        let valid: Bool
        if nodes[id].tracksUnevaluated {
            valid = evaluateTrackingUnevaluated(id, instance, &ev, &annotations, collect: collect)
        } else {
            valid = evaluateKeywords(id, instance, &ev, &annotations, collect: collect)
        }
        ev.depth -= 1
        if enteredResource { ev.scope.removeLast() }
        return valid
    }

    /// A schema with `unevaluated…` collects its own annotations, then passes them up.
    private func evaluateTrackingUnevaluated(
        _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        var local = SchemaAnnotations()
        let valid = evaluateKeywords(id, instance, &ev, &local, collect: true)
        if collect { annotations.merge(local) }
        return valid
    }

    private func evaluateKeywords(
        _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation, _ annotations: inout SchemaAnnotations,
        collect: Bool
    ) -> Bool {
        var valid = true
        // By index into the immutable table: iterating the array would copy (and retain) every
        // keyword's payload on the way.
        let count = nodes[id].keywords.count
        var index = 0
        while index < count {
            if !check(nodes[id].keywords[index], id, instance, &ev, &annotations, collect: collect) {
                valid = false
                if !ev.report { return false }
            }
            index += 1
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

    /// One keyword of node `id`: dispatch to its handler.
    private func check(
        _ keyword: SchemaKeyword, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        switch keyword {
        case .never:
            return failNever(id, instance, &ev)
        case .type(let types):
            return types.admits(instance.value) || failType(types, id, instance, &ev)
        case .constant(let value):
            return value.jsonEquals(instance.value) || failConstant(value, id, instance, &ev)
        case .enumeration(let values):
            return checkEnumeration(values, id, instance, &ev)
        case .ref(let target):
            return evaluate(target, instance, &ev, &annotations, collect: collect)
        case .dynamicRef(let target, let anchor):
            return evaluate(resolveDynamic(target, anchor, ev), instance, &ev, &annotations, collect: collect)
        case .allOf(let branches):
            return checkAllOf(branches, instance, &ev, &annotations, collect: collect)
        case .anyOf(let branches):
            return checkAnyOf(branches, id, instance, &ev, &annotations, collect: collect)
        case .oneOf(let branches):
            return checkOneOf(branches, id, instance, &ev, &annotations, collect: collect)
        case .not(let child):
            return checkNot(child, id, instance, &ev)
        case .conditional(let condition, let then, let otherwise):
            return checkConditional(condition, then, otherwise, instance, &ev, &annotations, collect: collect)
        case .members, .required, .propertyNames, .minProperties, .maxProperties, .dependentRequired,
            .dependentSchemas, .unevaluatedProperties:
            guard case .object(let object) = instance.value else { return true }
            return checkObject(keyword, id, instance, object, &ev, &annotations, collect: collect)
        case .items, .contains, .minItems, .maxItems, .uniqueItems, .unevaluatedItems:
            guard case .array(let items) = instance.value else { return true }
            return checkArray(keyword, id, instance, items, &ev, &annotations, collect: collect)
        case .minLength, .maxLength, .pattern, .format:
            guard case .string(let text) = instance.value else { return true }
            return checkString(keyword, id, instance, text, &ev)
        case .bound, .multipleOf:
            guard case .number(let number) = instance.value else { return true }
            return checkNumber(keyword, id, instance, number, &ev)
        }
    }

    /// The target of a `$dynamicRef`: the outermost schema resource in the dynamic scope that
    /// declares the anchor, else the static target.
    private func resolveDynamic(_ target: Int, _ anchor: String?, _ ev: SchemaEvaluation) -> Int {
        guard let anchor else { return target }
        for resource in ev.scope {
            if let found = dynamicAnchors[resource][anchor] { return found }
        }
        return target
    }
}
