/// A small optimisation pass over the compiled node table.
extension SchemaCompiler {
    /// Points every reference to a schema that is only a `$ref` (such as
    /// `{"$ref": "#/$defs/name", "description": "…"}`) straight at the `$ref`'s target.
    ///
    /// This saves a level of evaluation (and of stack) per `$ref`, and changes nothing visible:
    /// such a schema has no keyword of its own that could fail or produce annotations. Only
    /// targets in the same schema resource are aliased, so the dynamic scope is unchanged.
    /// Runs after the cycle check, so following `$ref` chains terminates.
    mutating func aliasReferenceOnlyNodes() {
        var alias = Array(nodes.indices)
        for i in nodes.indices {
            var target = i
            var steps = 0
            while nodes[target].keywords.count == 1, !nodes[target].tracksUnevaluated, steps < nodes.count,
                case .ref(let next) = nodes[target].keywords[0], nodes[next].resource == nodes[i].resource
            {
                target = next
                steps += 1
            }
            alias[i] = target
        }
        func a(_ index: Int) -> Int { alias[index] }
        for i in nodes.indices {
            nodes[i].keywords = nodes[i].keywords.map { keyword in
                switch keyword {
                case .members(var rule):
                    rule.propertySchemas = rule.propertySchemas.map(a)
                    rule.patterns = rule.patterns.map { ($0.regex, a($0.schema)) }
                    rule.additional = rule.additional.map(a)
                    return .members(rule)
                case .propertyNames(let child): return .propertyNames(a(child))
                case .dependentSchemas(let rules): return .dependentSchemas(rules.map { ($0.property, a($0.schema)) })
                case .items(let prefix, let rest): return .items(prefix: prefix.map(a), rest: rest.map(a))
                case .contains(let child, let minimum, let maximum):
                    return .contains(schema: a(child), min: minimum, max: maximum)
                case .allOf(let branches): return .allOf(branches.map(a))
                case .anyOf(let branches): return .anyOf(branches.map(a))
                case .oneOf(let branches): return .oneOf(branches.map(a))
                case .not(let child): return .not(a(child))
                case .conditional(let condition, let then, let otherwise):
                    return .conditional(condition: a(condition), then: then.map(a), otherwise: otherwise.map(a))
                case .ref(let target): return .ref(a(target))
                case .dynamicRef(let target, let anchor): return .dynamicRef(target: a(target), anchor: anchor)
                case .unevaluatedProperties(let child): return .unevaluatedProperties(a(child))
                case .unevaluatedItems(let child): return .unevaluatedItems(a(child))
                case .never, .type, .enumeration, .constant, .required, .minProperties, .maxProperties,
                    .dependentRequired, .minItems, .maxItems, .uniqueItems, .minLength, .maxLength, .pattern, .bound,
                    .multipleOf, .format:
                    return keyword
                }
            }
        }
        for resource in dynamicAnchors.indices {
            dynamicAnchors[resource] = dynamicAnchors[resource].mapValues(a)
        }
        rootAlias = alias[rootAlias]
    }
}
