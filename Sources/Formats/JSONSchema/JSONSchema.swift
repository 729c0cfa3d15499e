/// A JSON Schema (draft 2020-12), compiled once and then used to validate many instances.
///
/// ```swift
/// let schema = try JSONSchema(schemaNode)
/// for violation in schema.validate(document) { print(violation) }
/// ```
///
/// Compilation resolves every `$ref` (within the schema, or to schemas in a
/// `JSONSchemaRegistry`; never over the network), compiles patterns, and rejects `$ref` cycles
/// that could never end. Validation walks the compiled keywords; it builds no strings unless
/// the instance is invalid.
///
/// `format` is an assertion for `date-time`, `uri` and `email` and ignored for other names.
public struct JSONSchema: Sendable {
    let program: SchemaProgram

    /// Compiles `schema`, resolving relative `$id`s and `$ref`s against `baseURI` (if any) and
    /// references to other schemas through `registry`.
    public init(
        _ schema: JSONNode, baseURI: String? = nil, registry: JSONSchemaRegistry = JSONSchemaRegistry()
    ) throws(SchemaCompileError) {
        let base = SchemaURI.splitFragment(baseURI ?? "").base
        var rootURI = base
        if case .object(let object) = schema.value, case .string(let id)? = object["$id"]?.value {
            rootURI = SchemaURI.splitFragment(SchemaURI.resolve(id, against: base)).base
        }
        var documents = [SchemaCompiler.Document(root: schema, uri: base, locationPrefix: "")]
        for document in registry.documents where document.uri != rootURI && document.uri != base {
            documents.append(
                SchemaCompiler.Document(root: document.schema, uri: document.uri, locationPrefix: document.uri + "#"))
        }
        var compiler = SchemaCompiler(documents: documents)
        program = try compiler.compile()
    }

    /// Every way `instance` fails the schema, in document order (by the offending value's
    /// position); empty when it is valid.
    public func validate(_ instance: JSONNode) -> [SchemaViolation] {
        if isValid(instance) { return [] }
        var ev = SchemaEvaluation(report: true)
        var annotations = SchemaAnnotations()
        _ = program.evaluate(program.root, instance, &ev, &annotations, collect: false)
        var seen = Set<SchemaViolation>()
        var unique = ev.violations.map(\.violation).filter { seen.insert($0).inserted }
        if unique.isEmpty {
            // Not expected: every failing keyword reports. Never call an invalid document valid.
            unique.append(
                SchemaViolation(
                    instancePointer: "", position: instance.position, keywordLocation: "",
                    message: "does not match the schema"))
        }
        return unique.enumerated()
            .sorted { a, b in
                a.element.position.offset != b.element.position.offset
                    ? a.element.position.offset < b.element.position.offset : a.offset < b.offset
            }
            .map(\.element)
    }

    /// Whether `instance` is valid: the fast path, stopping at the first failure.
    public func isValid(_ instance: JSONNode) -> Bool {
        var ev = SchemaEvaluation(report: false)
        var annotations = SchemaAnnotations()
        return program.evaluate(program.root, instance, &ev, &annotations, collect: false)
    }
}
