/// Turns schema documents into a `SchemaProgram`: indexes every `$id`, `$anchor` and
/// `$dynamicAnchor`, compiles the schemas reachable from the root into a node table (a work
/// list, no recursion), and rejects `$ref` cycles that would never consume the instance.
struct SchemaCompiler {
    /// A schema document: the root one or one from the registry.
    struct Document {
        var root: JSONNode
        /// The URI the document was registered under (or the caller's base URI), possibly empty.
        var uri: String
        /// Prepended to pointers in keyword locations: empty for the root document, `uri#` else.
        var locationPrefix: String
    }

    /// A schema's place: a document and a JSON pointer (RFC 6901, escaped) into it.
    struct Location: Hashable {
        var document: Int
        var pointer: String
    }

    var documents: [Document]

    // MARK: Index (phase 1)

    /// Absolute URI (no fragment) of each schema resource → its location.
    var resourceLocations: [String: Location] = [:]
    /// `uri#anchor` → location, for `$anchor` and `$dynamicAnchor`.
    var anchors: [String: Location] = [:]
    /// `$dynamicAnchor` name → every location declaring it.
    var dynamicAnchorLocations: [String: [Location]] = [:]
    /// Base URI and resource number of every schema location seen by the index.
    var scopes: [Location: (base: String, resource: Int)] = [:]
    var resourceCount = 0

    // MARK: Compilation (phase 2)

    var nodes: [SchemaNode] = []
    var nodeIndex: [Location: Int] = [:]
    var pending: [(index: Int, location: Location, schema: JSONNode)] = []
    /// In-place edges (`$ref`, `allOf`, …) between nodes: evaluation without descending into the instance.
    var inPlaceEdges: [Int: [Int]] = [:]
    var dynamicAnchors: [[String: Int]] = []
    /// The root node, after `aliasReferenceOnlyNodes`.
    var rootAlias = 0
    /// Each distinct pattern is compiled once.
    var regexCache: [String: SchemaRegex] = [:]

    init(documents: [Document]) {
        self.documents = documents
    }

    /// Compiles document 0's root schema and everything it references.
    mutating func compile() throws(SchemaCompileError) -> SchemaProgram {
        for document in documents.indices {
            try index(document: document)
        }
        dynamicAnchors = Array(repeating: [:], count: resourceCount)
        let root = try reserve(Location(document: 0, pointer: ""), schema: documents[0].root)
        while let item = pending.popLast() {
            nodes[item.index] = try compileNode(item.index, at: item.location, schema: item.schema)
        }
        try checkInPlaceCycles()
        rootAlias = root
        aliasReferenceOnlyNodes()
        return SchemaProgram(nodes: nodes, root: rootAlias, dynamicAnchors: dynamicAnchors)
    }

    /// The node index for a schema location, compiling it later if it is new.
    mutating func reserve(_ location: Location, schema: JSONNode) throws(SchemaCompileError) -> Int {
        if let existing = nodeIndex[location] { return existing }
        let index = nodes.count
        let scope = scope(of: location)
        nodes.append(
            SchemaNode(
                keywords: [], location: documents[location.document].locationPrefix + location.pointer,
                resource: scope.resource, isFalse: false, tracksUnevaluated: false))
        nodeIndex[location] = index
        pending.append((index, location, schema))
        return index
    }

    /// Base URI and resource of a location; locations the index did not walk (a `$ref` into an
    /// unknown keyword) inherit from their nearest indexed ancestor.
    func scope(of location: Location) -> (base: String, resource: Int) {
        var pointer = Substring(location.pointer)
        while true {
            if let found = scopes[Location(document: location.document, pointer: String(pointer))] { return found }
            guard let slash = pointer.lastIndex(of: "/") else {
                return (documents[location.document].uri, 0)
            }
            pointer = pointer[..<slash]
        }
    }

    /// The keyword location text of `location` + `/keyword`, for errors.
    func describe(_ location: Location, _ keyword: String? = nil) -> String {
        var text = documents[location.document].locationPrefix + location.pointer
        if let keyword { text += "/" + JSONPointer.escape(keyword) }
        return text
    }
}
