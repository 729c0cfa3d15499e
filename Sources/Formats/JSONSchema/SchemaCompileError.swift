/// Why a JSON Schema could not be compiled.
///
/// Every case names the schema location (a JSON pointer, prefixed with the document's URI when
/// it is not the root document) so the schema author can find the problem.
public enum SchemaCompileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A keyword has a value of the wrong shape, e.g. `"minLength": "3"`.
    case invalidKeyword(location: String, message: String)
    /// A schema is neither an object nor a boolean.
    case notASchema(location: String)
    /// A `$ref` or `$dynamicRef` names a schema that is not in the document or the registry.
    /// Remote schemas are never fetched.
    case unresolvedReference(location: String, reference: String)
    /// A `pattern` or `patternProperties` key is not a regular expression we can compile.
    case invalidPattern(location: String, pattern: String, message: String)
    /// Two schema resources claim the same `$id`.
    case duplicateIdentifier(location: String, uri: String)
    /// Schemas reference each other in place (`$ref`, `allOf`, …) without consuming any of the
    /// instance, so evaluating them would never end. The cycle lists the schema locations.
    case referenceCycle(cycle: [String])

    public var description: String {
        switch self {
        case .invalidKeyword(let location, let message):
            return "\(Self.show(location)): \(message)"
        case .notASchema(let location):
            return "\(Self.show(location)): a schema must be an object or a boolean"
        case .unresolvedReference(let location, let reference):
            return "\(Self.show(location)): cannot resolve reference \"\(reference)\""
        case .invalidPattern(let location, let pattern, let message):
            return "\(Self.show(location)): invalid regular expression \"\(pattern)\": \(message)"
        case .duplicateIdentifier(let location, let uri):
            return "\(Self.show(location)): duplicate schema identifier \"\(uri)\""
        case .referenceCycle(let cycle):
            return "schema reference cycle: \(cycle.map(Self.show).joined(separator: " → "))"
        }
    }

    private static func show(_ location: String) -> String { location.isEmpty ? "#" : location }
}
