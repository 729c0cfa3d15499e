/// The compiled form of a schema and everything it references: an immutable node table that
/// `JSONSchema` values share.
final class SchemaProgram: Sendable {
    /// Every reachable schema; child schemas and `$ref` targets are indices into this table.
    let nodes: [SchemaNode]
    /// The root schema's index.
    let root: Int
    /// For each schema resource, its `$dynamicAnchor` names and their nodes (filled in only for
    /// names some `$dynamicRef` looks up).
    let dynamicAnchors: [[String: Int]]

    init(nodes: [SchemaNode], root: Int, dynamicAnchors: [[String: Int]]) {
        self.nodes = nodes
        self.root = root
        self.dynamicAnchors = dynamicAnchors
    }
}
