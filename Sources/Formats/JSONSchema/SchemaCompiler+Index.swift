/// Phase 1 of compilation: find every schema resource and anchor in a document.
extension SchemaCompiler {
    /// Keywords whose value is one subschema.
    static let singleSchemaKeywords: [String] = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    /// Keywords whose value is an object of subschemas.
    static let schemaMapKeywords: [String] = [
        "$defs", "definitions", "properties", "patternProperties", "dependentSchemas",
    ]
    /// Keywords whose value is an array of subschemas.
    static let schemaArrayKeywords: [String] = ["allOf", "anyOf", "oneOf", "prefixItems"]

    /// Walks the schema positions of a document (not `enum`/`const` values), recording base URIs,
    /// resources (`$id`), `$anchor`s and `$dynamicAnchor`s.
    mutating func index(document: Int) throws(SchemaCompileError) {
        var stack: [(schema: JSONNode, pointer: String, base: String, resource: Int)] = []
        let rootResource = resourceCount
        resourceCount += 1
        let documentURI = SchemaURI.splitFragment(documents[document].uri).base
        let documentRoot = Location(document: document, pointer: "")
        if let other = resourceLocations[documentURI], other != documentRoot {
            throw .duplicateIdentifier(location: describe(documentRoot), uri: documentURI)
        }
        resourceLocations[documentURI] = documentRoot
        stack.append((documents[document].root, "", documentURI, rootResource))
        while let (schema, pointer, parentBase, parentResource) = stack.popLast() {
            guard case .object(let object) = schema.value else { continue }
            let location = Location(document: document, pointer: pointer)
            var base = parentBase
            var resource = parentResource
            if let idNode = object["$id"], case .string(let id) = idNode.value {
                let (idBase, fragment) = SchemaURI.splitFragment(SchemaURI.resolve(id, against: parentBase))
                if let fragment, !fragment.isEmpty {
                    throw .invalidKeyword(
                        location: describe(location, "$id"), message: "$id must not contain a fragment (use $anchor)")
                }
                base = idBase
                if pointer.isEmpty {
                    resource = parentResource
                } else {
                    resource = resourceCount
                    resourceCount += 1
                }
                if let other = resourceLocations[base], other != location {
                    throw .duplicateIdentifier(location: describe(location, "$id"), uri: base)
                }
                resourceLocations[base] = location
            }
            scopes[location] = (base, resource)
            for keyword in ["$anchor", "$dynamicAnchor"] {
                guard let anchorNode = object[keyword] else { continue }
                guard case .string(let name) = anchorNode.value, Self.isAnchorName(name) else {
                    throw .invalidKeyword(
                        location: describe(location, keyword), message: "\(keyword) must be a plain name like \"node\"")
                }
                anchors[base + "#" + name] = location
                if keyword == "$dynamicAnchor" { dynamicAnchorLocations[name, default: []].append(location) }
            }
            for member in object.members.reversed() {
                let childPointer = pointer + "/" + JSONPointer.escape(member.key)
                if Self.singleSchemaKeywords.contains(member.key) {
                    stack.append((member.value, childPointer, base, resource))
                } else if Self.schemaMapKeywords.contains(member.key), case .object(let map) = member.value.value {
                    for entry in map.members.reversed() {
                        let entryPointer = childPointer + "/" + JSONPointer.escape(entry.key)
                        stack.append((entry.value, entryPointer, base, resource))
                    }
                } else if Self.schemaArrayKeywords.contains(member.key), case .array(let items) = member.value.value {
                    for (i, item) in items.enumerated().reversed() {
                        stack.append((item, childPointer + "/" + String(i), base, resource))
                    }
                }
            }
        }
    }

    /// `$anchor` syntax: a letter or underscore, then letters, digits, `-`, `_`, `.`.
    static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first,
            first.properties.isAlphabetic && first.isASCII || first == "_"
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".")
        }
    }

    /// Resolves a `$ref` / `$dynamicRef` value against the base URI of the schema containing it.
    func resolveReference(_ reference: String, from location: Location) throws(SchemaCompileError) -> (
        location: Location, schema: JSONNode, fragment: String?
    ) {
        let absolute = SchemaURI.resolve(reference, against: scope(of: location).base)
        let (resourceURI, fragment) = SchemaURI.splitFragment(absolute)
        let fail = SchemaCompileError.unresolvedReference(location: describe(location, "$ref"), reference: reference)
        guard let resource = resourceLocations[resourceURI] else { throw fail }
        let target: Location
        if let fragment, !fragment.isEmpty, !fragment.hasPrefix("/") {
            guard let anchored = anchors[resourceURI + "#" + fragment] else { throw fail }
            target = anchored
        } else if let fragment, !fragment.isEmpty {
            target = Location(document: resource.document, pointer: resource.pointer + fragment)
        } else {
            target = resource
        }
        guard let schema = JSONPointer.resolve(target.pointer, in: documents[target.document].root) else { throw fail }
        return (target, schema, fragment)
    }
}
