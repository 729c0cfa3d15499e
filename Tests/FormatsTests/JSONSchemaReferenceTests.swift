import Foundation
import Testing

@testable import Formats

/// `$ref` resolution, the registry of schemas by `$id`, and the guards that keep a
/// self-referencing schema from evaluating forever or overflowing the stack.
@Suite("JSONSchema references, registry and recursion guards")
struct JSONSchemaReferenceTests {
    private func compile(_ schema: String, registry: JSONSchemaRegistry = JSONSchemaRegistry()) throws -> JSONSchema {
        try JSONSchema(JSONReader.parse(schema), registry: registry)
    }

    private func compileError(_ schema: String) throws -> SchemaCompileError? {
        let node = try JSONReader.parse(schema)
        do {
            _ = try JSONSchema(node)
            return nil
        } catch {
            return error
        }
    }

    @Test("a $ref cycle that never consumes the instance is a compile error naming the cycle")
    func inPlaceCycle() throws {
        let error = try compileError(
            ##"{"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}"##)
        #expect(error == .referenceCycle(cycle: ["/$defs/a", "/$defs/b", "/$defs/b/allOf/0", "/$defs/a"]))
        #expect(
            error?.description == "schema reference cycle: /$defs/a → /$defs/b → /$defs/b/allOf/0 → /$defs/a")
        #expect(try compileError(##"{"$ref": "#"}"##) == .referenceCycle(cycle: ["#", "#"]))
        #expect(try compileError(##"{"anyOf": [{"type": "string"}, {"$ref": "#"}]}"##) != nil)
    }

    @Test("a recursive schema through properties and items compiles and validates deep documents")
    func recursionThroughInstance() throws {
        let schema = try compile(
            ##"{"type": "object", "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}"##
        )
        var text = ##"{"name": "leaf"}"##
        for _ in 0..<12 { text = ##"{"name": "n", "children": [\##(text)]}"## }
        #expect(schema.validate(try JSONReader.parse(text)).isEmpty)
        let bad = text.replacingOccurrences(of: ##""leaf""##, with: "7")
        let found = schema.validate(try JSONReader.parse(bad))
        #expect(found.map(\.message) == ["expected string, got number"])
        #expect(found.first?.instancePointer.hasSuffix("/children/0/name") == true)
        #expect(found.first?.instancePointer.components(separatedBy: "children").count == 13)
    }

    @Test("the deepest document the reader accepts, against a recursive schema, on a 512 KiB stack")
    func deepDocumentOnSmallStack() async throws {
        let depth = JSONReader.Options.depthCeiling
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let instance = try JSONReader.parse(text, options: JSONReader.Options(maxDepth: depth))
        let schemas = [
            ##"{"items": {"$ref": "#"}}"##,
            ##"{"$ref": "#/$defs/list", "$defs": {"list": {"type": "array", "allOf": [{"items": {"$ref": "#/$defs/list"}}], "maxItems": 0}}}"##,
            ##"{"$dynamicAnchor": "node", "items": {"$dynamicRef": "#node"}, "unevaluatedItems": false}"##,
        ]
        for text in schemas {
            let schema = try compile(text)
            let outcome = await onSmallStack { () -> (Bool, [String]) in
                (schema.isValid(instance), schema.validate(instance).map(\.message))
            }
            // Either valid, or stopped by the stack guard with a clear message: never a crash.
            if !outcome.0 {
                #expect(outcome.1.contains("nested too deeply to validate (schema evaluation stopped)"), "\(outcome.1)")
            }
        }
        // A document well within the guard (even in a debug build) validates fully.
        let shallow = try JSONReader.parse(String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
        let schema = try compile(schemas[0])
        #expect(await onSmallStack { schema.validate(shallow) }.isEmpty)
    }

    private func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    @Test("$ref to another registered schema by its $id, and to a $defs entry inside it")
    func registry() throws {
        let common = try JSONReader.parse(
            ##"{"$id": "https://agentplane.dev/schemas/common.json", "$defs": {"name": {"type": "string", "pattern": "^[a-z]+$"}}}"##
        )
        let registry = try JSONSchemaRegistry([common])
        #expect(registry.uris == ["https://agentplane.dev/schemas/common.json"])
        let schema = try compile(
            ##"{"$id": "https://agentplane.dev/schemas/pod.json", "properties": {"name": {"$ref": "common.json#/$defs/name"}}}"##,
            registry: registry)
        #expect(schema.validate(try JSONReader.parse(##"{"name": "web"}"##)).isEmpty)
        let found = schema.validate(try JSONReader.parse(##"{"name": "Web"}"##))
        #expect(found.map(\.message) == ["does not match pattern ^[a-z]+$"])
        #expect(found.map(\.keywordLocation) == ["https://agentplane.dev/schemas/common.json#/$defs/name/pattern"])
    }

    @Test("registry.schema(for:) compiles a registered schema against the others")
    func registryLookup() throws {
        var registry = JSONSchemaRegistry()
        try registry.register(try JSONReader.parse(##"{"$id": "https://x.test/a.json", "$ref": "b.json"}"##))
        try registry.register(try JSONReader.parse(##"{"type": "integer"}"##), uri: "https://x.test/b.json")
        let schema = try registry.schema(for: "https://x.test/a.json")
        #expect(schema.isValid(try JSONReader.parse("3")))
        #expect(!schema.isValid(try JSONReader.parse("\"3\"")))
        #expect(
            throws: SchemaCompileError.duplicateIdentifier(
                location: "https://x.test/b.json#", uri: "https://x.test/b.json")
        ) {
            try registry.register(try JSONReader.parse("{}"), uri: "https://x.test/b.json")
        }
        #expect(throws: SchemaCompileError.self) {
            try registry.register(try JSONReader.parse("{}"))
        }
    }

    @Test("an unknown reference is a compile error; nothing is fetched")
    func unresolved() throws {
        #expect(
            try compileError(##"{"properties": {"a": {"$ref": "https://example.com/remote.json"}}}"##)
                == .unresolvedReference(location: "/properties/a/$ref", reference: "https://example.com/remote.json"))
        #expect(
            try compileError(##"{"$ref": "#/$defs/missing"}"##)
                == .unresolvedReference(location: "/$ref", reference: "#/$defs/missing"))
        #expect(
            try compileError(##"{"$ref": "#nowhere"}"##)
                == .unresolvedReference(location: "/$ref", reference: "#nowhere"))
    }

    @Test("malformed keywords are compile errors with the keyword's location")
    func malformedKeywords() throws {
        #expect(
            try compileError(##"{"properties": {"a": {"minLength": "3"}}}"##)
                == .invalidKeyword(location: "/properties/a/minLength", message: "must be a non-negative integer"))
        #expect(
            try compileError(##"{"type": "text"}"##)?.description
                == #"/type: unknown type "text" (use null, boolean, object, array, number, string or integer)"#)
        #expect(try compileError(##"{"items": 3}"##) == .notASchema(location: "/items"))
        #expect(
            try compileError(##"{"$schema": "http://json-schema.org/draft-07/schema#"}"##)
                == .invalidKeyword(
                    location: "/$schema",
                    message:
                        "only JSON Schema draft 2020-12 is supported (\"https://json-schema.org/draft/2020-12/schema\")"
                ))
        if case .invalidPattern(let location, let pattern, _)? = try compileError(##"{"pattern": "^(abc"}"##) {
            #expect(location == "/pattern")
            #expect(pattern == "^(abc")
        } else {
            Issue.record("an unbalanced pattern must be a compile error")
        }
    }

    @Test("$anchor and $id-relative references resolve")
    func anchors() throws {
        let schema = try compile(
            """
            {"$id": "https://x.test/root.json",
             "properties": {"a": {"$ref": "#positive"}, "b": {"$ref": "inner.json#/$defs/s"}},
             "$defs": {
               "p": {"$anchor": "positive", "type": "integer", "exclusiveMinimum": 0},
               "inner": {"$id": "inner.json", "$defs": {"s": {"type": "string"}}}
             }}
            """)
        #expect(schema.isValid(try JSONReader.parse(##"{"a": 1, "b": "x"}"##)))
        let found = schema.validate(try JSONReader.parse(##"{"a": 0, "b": 2}"##))
        #expect(found.map(\.message) == ["must be greater than 0", "expected string, got number"])
        #expect(found.map(\.keywordLocation) == ["/$defs/p/exclusiveMinimum", "/$defs/inner/$defs/s/type"])
    }
}
