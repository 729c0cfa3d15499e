/// Schemas that `$ref` may name by URI, registered ahead of compilation. Nothing is ever
/// fetched from the network: a reference to a schema that is not registered is a compile error.
public struct JSONSchemaRegistry: Sendable {
    /// Registered documents, in registration order, each under its absolute URI (no fragment).
    private(set) var documents: [(uri: String, schema: JSONNode)] = []

    public init() {}

    /// Registers each schema under its `$id`.
    public init(_ schemas: [JSONNode]) throws(SchemaCompileError) {
        for schema in schemas { try register(schema) }
    }

    /// Registers `schema` under `uri`, or under its root `$id` when `uri` is nil.
    public mutating func register(_ schema: JSONNode, uri: String? = nil) throws(SchemaCompileError) {
        var name = uri
        if name == nil, case .object(let object) = schema.value, case .string(let id)? = object["$id"]?.value {
            name = id
        }
        guard let name, !SchemaURI.splitFragment(name).base.isEmpty else {
            throw .invalidKeyword(location: "", message: "a registered schema needs an absolute $id or a URI")
        }
        let base = SchemaURI.splitFragment(name).base
        guard !documents.contains(where: { $0.uri == base }) else {
            throw .duplicateIdentifier(location: base + "#", uri: base)
        }
        documents.append((base, schema))
    }

    /// The URIs of the registered schemas, sorted.
    public var uris: [String] { documents.map(\.uri).sorted() }

    /// Compiles the registered schema with this URI; the other registered schemas resolve its `$ref`s.
    public func schema(for uri: String) throws(SchemaCompileError) -> JSONSchema {
        let base = SchemaURI.splitFragment(uri).base
        guard let document = documents.first(where: { $0.uri == base }) else {
            throw .unresolvedReference(location: "", reference: uri)
        }
        return try JSONSchema(document.schema, baseURI: base, registry: self)
    }
}
