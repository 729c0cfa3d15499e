/// `anyOf` and `oneOf`, and how their failures are explained without flooding the user.
extension SchemaProgram {
    func checkAnyOf(
        _ branches: [Int], _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        var matched = false
        for branch in branches {
            var branchAnnotations = SchemaAnnotations()
            guard quietly(branch, instance, &ev, &branchAnnotations, collect: collect) else { continue }
            matched = true
            guard collect else { break }
            annotations.merge(branchAnnotations)
        }
        if matched { return true }
        if ev.report { explainNoMatch(branches, keyword: "anyOf", id, instance, &ev) }
        return false
    }

    func checkOneOf(
        _ branches: [Int], _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation,
        _ annotations: inout SchemaAnnotations, collect: Bool
    ) -> Bool {
        var matches: [Int] = []
        var matchedAnnotations = SchemaAnnotations()
        for (i, branch) in branches.enumerated() {
            var branchAnnotations = SchemaAnnotations()
            guard quietly(branch, instance, &ev, &branchAnnotations, collect: collect) else { continue }
            matches.append(i)
            matchedAnnotations = branchAnnotations
            if matches.count > 1 && !ev.report { return false }
        }
        if matches.count == 1 {
            if collect { annotations.merge(matchedAnnotations) }
            return true
        }
        guard ev.report else { return false }
        if matches.isEmpty {
            explainNoMatch(branches, keyword: "oneOf", id, instance, &ev)
        } else {
            failOneOfMatches(matches, id, instance, &ev)
        }
        return false
    }

    /// Reports why no branch matched, as usefully as possible:
    /// - a branch ruled out by a discriminator (`type`, `const` or `enum` on the value itself,
    ///   `const`/`enum` on one of its properties, or the schema `false`) is not worth reporting;
    /// - if exactly one branch is left, its own violations are reported;
    /// - if every branch was ruled out at the same place, their expectations are merged
    ///   (`expected string or null, got number`, `must be one of: "a", "b"`);
    /// - if several are left, the one whose first violation is deepest in the instance (the one
    ///   that matched furthest) is reported; otherwise one summary violation.
    @inline(never)
    func failOneOfMatches(_ matches: [Int], _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation) {
        ev.fail(
            at: instance.position, keywordLocation: nodes[id].keywordLocation("oneOf"),
            message: "must match exactly one schema of oneOf (matched \(matches.count): "
                + matches.map { "#\($0)" }.joined(separator: ", ") + ")")
    }

    @inline(never)
    func explainNoMatch(
        _ branches: [Int], keyword: String, _ id: Int, _ instance: JSONNode, _ ev: inout SchemaEvaluation
    ) {
        let depth = ev.path.count
        var outcomes: [[PendingViolation]] = []
        for branch in branches {
            let mark = ev.violations.count
            var scratch = SchemaAnnotations()
            _ = evaluate(branch, instance, &ev, &scratch, collect: false)
            outcomes.append(Array(ev.violations[mark...]))
            ev.violations.removeSubrange(mark...)
        }
        // A wrong type of the value itself, or a wrong `const`/`enum` value of one of its
        // properties (`"type": "directory"` in an object), rules a branch out. A wrong value of
        // the value itself does not: `anyOf: [{enum: […]}, {pattern: …}]` lists alternatives.
        func isDiscriminatorMiss(_ v: PendingViolation) -> Bool {
            switch v.kind {
            case .type, .falseSchema: return v.depth == depth
            case .values: return v.depth == depth + 1
            case .other: return false
            }
        }
        let summary =
            keyword == "anyOf"
            ? "must match at least one schema of anyOf" : "must match exactly one schema of oneOf (matched 0)"
        let location = nodes[id].keywordLocation(keyword)
        let candidates = outcomes.indices.filter {
            !outcomes[$0].isEmpty && !outcomes[$0].contains(where: isDiscriminatorMiss)
        }

        if candidates.count == 1 {
            ev.violations.append(contentsOf: outcomes[candidates[0]])
            return
        }
        if candidates.isEmpty {
            let misses = outcomes.compactMap { $0.first(where: isDiscriminatorMiss) }
            if misses.count == outcomes.count, let first = misses.first,
                misses.allSatisfy({ $0.violation.instancePointer == first.violation.instancePointer }),
                let merged = Self.mergedExpectation(misses, actual: instance.value)
            {
                var violation = first
                violation.violation.keywordLocation = location
                violation.violation.message = merged.message
                violation.kind = merged.kind
                ev.violations.append(violation)
                return
            }
            ev.fail(at: instance.position, keywordLocation: location, message: summary)
            return
        }
        // Several branches are plausible: prefer the one that got furthest into the instance.
        let reach = candidates.map { outcomes[$0].map(\.depth).min() ?? depth }
        if let best = reach.max(), best > depth, reach.filter({ $0 == best }).count == 1,
            let winner = reach.firstIndex(of: best)
        {
            ev.violations.append(contentsOf: outcomes[candidates[winner]])
            return
        }
        // Otherwise say what each plausible branch wanted, if that is short.
        let singles = candidates.compactMap { i -> PendingViolation? in
            guard outcomes[i].count == 1, outcomes[i][0].depth == depth else { return nil }
            return outcomes[i][0]
        }
        if singles.count == candidates.count, let first = singles.first,
            let merged = Self.mergedExpectation(singles, actual: instance.value)
        {
            var violation = first
            violation.violation.keywordLocation = location
            violation.violation.message = merged.message
            violation.kind = merged.kind
            ev.violations.append(violation)
            return
        }
        let details = singles.map(\.violation.message)
        if details.count == candidates.count, details.count <= 4 {
            ev.fail(
                at: instance.position, keywordLocation: location,
                message: summary + ": " + details.joined(separator: "; or "))
        } else {
            ev.fail(at: instance.position, keywordLocation: location, message: summary)
        }
    }

    /// One message for several `type` misses (or several `const`/`enum` misses) at one value.
    private static func mergedExpectation(_ misses: [PendingViolation], actual: JSONValue) -> (
        message: String, kind: PendingViolation.Kind
    )? {
        var types: SchemaTypes = []
        var values: [JSONValue] = []
        var sawType = false
        var sawValues = false
        for miss in misses {
            switch miss.kind {
            case .type(let expected):
                types.formUnion(expected)
                sawType = true
            case .values(let allowed):
                for value in allowed where !values.contains(where: { $0.jsonEquals(value) }) {
                    values.append(value)
                }
                sawValues = true
            default:
                return nil
            }
        }
        if sawType && !sawValues {
            return ("expected \(types.phrase), got \(SchemaValueSupport.typeName(actual))", .type(types))
        }
        if sawValues && !sawType { return (oneOfValuesMessage(values), .values(values)) }
        return nil
    }
}
