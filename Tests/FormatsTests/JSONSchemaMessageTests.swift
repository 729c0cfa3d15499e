import Testing

@testable import Formats

/// What a user sees when a document fails its schema: messages, instance pointers, schema
/// locations and line:column positions.
@Suite("JSONSchema violation messages and positions")
struct JSONSchemaMessageTests {
    /// A small AgentPod-like schema.
    static let podSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://agentplane.dev/test/pod.json",
          "type": "object",
          "additionalProperties": false,
          "required": ["kind", "spec"],
          "properties": {
            "kind": { "const": "AgentPod" },
            "spec": {
              "type": "object",
              "additionalProperties": false,
              "required": ["containers"],
              "properties": {
                "replicas": { "type": "integer", "minimum": 1, "maximum": 10 },
                "network": { "enum": ["none", "allowlist", "open"] },
                "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/container" } }
              }
            }
          },
          "$defs": {
            "container": {
              "type": "object",
              "additionalProperties": false,
              "required": ["name", "image"],
              "properties": {
                "name": { "type": "string", "minLength": 2, "pattern": "^[a-z][-a-z0-9]*$" },
                "image": { "type": "string" },
                "workingDir": { "type": ["string", "null"] }
              }
            }
          }
        }
        """

    static func violations(_ instance: String, schema: String = podSchema) throws -> [SchemaViolation] {
        let compiled = try JSONSchema(JSONReader.parse(schema))
        return compiled.validate(try JSONReader.parse(instance))
    }

    @Test("a valid document has no violations")
    func valid() throws {
        let found = try Self.violations(
            #"{"kind": "AgentPod", "spec": {"replicas": 2, "containers": [{"name": "web", "image": "nginx"}]}}"#)
        #expect(found.isEmpty)
    }

    @Test("a wrong type names both types, the pointer, the schema keyword and the value's line:column")
    func wrongType() throws {
        let instance = """
            {
              "kind": "AgentPod",
              "spec": {
                "containers": [
                  {"name": "web",
                   "image": 42}
                ]
              }
            }
            """
        let found = try Self.violations(instance)
        #expect(found.count == 1)
        let violation = try #require(found.first)
        #expect(violation.message == "expected string, got number")
        #expect(violation.instancePointer == "/spec/containers/0/image")
        #expect(violation.keywordLocation == "/$defs/container/properties/image/type")
        #expect(violation.position.line == 6)
        #expect(violation.position.column == 17)
        #expect(violation.description == "6:17: /spec/containers/0/image: expected string, got number")
    }

    @Test("a missing required property points at the object that lacks it")
    func missingRequired() throws {
        let instance = """
            {"kind": "AgentPod",
             "spec": {"containers": [
                {"name": "web"}]}}
            """
        let found = try Self.violations(instance)
        #expect(found.map(\.message) == [#"missing required property "image""#])
        #expect(found.first?.instancePointer == "/spec/containers/0")
        #expect(found.first?.keywordLocation == "/$defs/container/required")
        #expect(found.first?.position.line == 3)
        #expect(found.first?.position.column == 5)
    }

    @Test("an unknown property is reported at its key, once per extra property, with a suggestion")
    func unknownProperty() throws {
        let instance = """
            {"kind": "AgentPod",
             "spec": {"containers": [{"name": "web", "image": "nginx",
                                      "imagee": "x", "zzz": 1}]}}
            """
        let found = try Self.violations(instance)
        #expect(
            found.map(\.message) == [
                #"unknown property "imagee" (did you mean "image"?)"#, #"unknown property "zzz""#,
            ])
        #expect(found.map(\.instancePointer) == ["/spec/containers/0/imagee", "/spec/containers/0/zzz"])
        #expect(found.map(\.keywordLocation) == Array(repeating: "/$defs/container/additionalProperties", count: 2))
        #expect(found.first?.position.line == 3)
        #expect(found.first?.position.column == 27)
        #expect(found.last?.position.column == 42)
    }

    @Test("enum, const, minimum, maximum, pattern, minLength and minItems say what is allowed")
    func scalarKeywords() throws {
        let found = try Self.violations(
            #"{"kind": "Pod", "spec": {"replicas": 0, "network": "closed", "containers": [{"name": "Web", "image": "x"}]}}"#
        )
        #expect(
            found.map(\.message) == [
                #"must be "AgentPod""#,
                "must be at least 1",
                #"must be one of: "none", "allowlist", "open""#,
                "does not match pattern ^[a-z][-a-z0-9]*$",
            ])
        let more = try Self.violations(
            #"{"kind": "AgentPod", "spec": {"replicas": 11, "containers": []}}"#)
        #expect(more.map(\.message) == ["must be at most 10", "must have at least 1 item"])
        let short = try Self.violations(
            #"{"kind": "AgentPod", "spec": {"containers": [{"name": "w", "image": "x"}]}}"#)
        #expect(short.map(\.message) == ["must be at least 2 characters long"])
    }

    @Test("a type list reads as a phrase, and the root value's pointer is empty")
    func typeListAndRoot() throws {
        let found = try Self.violations(
            #"{"kind": "AgentPod", "spec": {"containers": [{"name": "web", "image": "x", "workingDir": 3}]}}"#)
        #expect(found.map(\.message) == ["expected string or null, got number"])
        let root = try Self.violations("[1]")
        #expect(root.map(\.message) == ["expected object, got array"])
        #expect(root.first?.instancePointer == "")
        #expect(root.first?.keywordLocation == "/type")
        #expect(root.first?.description == "1:1: /: expected object, got array")
    }

    @Test("violations come in document order, whatever the schema's order")
    func documentOrder() throws {
        let instance = """
            {
              "spec": {"containers": [{"image": 1, "name": 2}], "replicas": "three"},
              "extra": true,
              "kind": "Pod"
            }
            """
        let found = try Self.violations(instance)
        #expect(
            found.map(\.instancePointer) == [
                "/spec/containers/0/image", "/spec/containers/0/name", "/spec/replicas", "/extra", "/kind",
            ])
        let offsets = found.map(\.position.offset)
        #expect(offsets == offsets.sorted())
        // Twice the same answer.
        #expect(try Self.violations(instance) == found)
    }

    @Test("keys with / and ~ are escaped in pointers (RFC 6901)")
    func pointerEscaping() throws {
        let schema = #"{"additionalProperties": {"type": "string"}}"#
        let found = try Self.violations(#"{"a/b": 1, "c~d": 2}"#, schema: schema)
        #expect(found.map(\.instancePointer) == ["/a~1b", "/c~0d"])
    }

    @Test("oneOf matching two branches says so")
    func oneOfTwice() throws {
        let schema = #"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#
        let found = try Self.violations("3", schema: schema)
        #expect(found.map(\.message) == ["must match exactly one schema of oneOf (matched 2: #0, #1)"])
        #expect(found.first?.keywordLocation == "/oneOf")
    }

    static let executorSchema = """
        {
          "$defs": {
            "directory": {
              "type": "object", "additionalProperties": false, "required": ["type", "path"],
              "properties": {"type": {"const": "directory"}, "path": {"type": "string"}}
            },
            "kubernetes": {
              "type": "object", "additionalProperties": false, "required": ["type", "context"],
              "properties": {"type": {"const": "kubernetes"}, "context": {"type": "string"}, "namespace": {"type": "string"}}
            }
          },
          "oneOf": [{"$ref": "#/$defs/directory"}, {"$ref": "#/$defs/kubernetes"}]
        }
        """

    @Test("a discriminator property picks the oneOf branch whose errors are reported")
    func discriminatedBranch() throws {
        let found = try Self.violations(
            #"{"type": "kubernetes", "contxt": "prod", "namespace": 1}"#, schema: Self.executorSchema)
        #expect(
            found.map(\.message) == [
                #"missing required property "context""#,
                #"unknown property "contxt" (did you mean "context"?)"#,
                "expected string, got number",
            ])
        #expect(found.map(\.instancePointer) == ["", "/contxt", "/namespace"])
    }

    @Test("when no branch's discriminator matches, the allowed values are merged")
    func noDiscriminatorMatches() throws {
        let found = try Self.violations(#"{"type": "quadlet"}"#, schema: Self.executorSchema)
        #expect(found.map(\.message) == [#"must be one of: "directory", "kubernetes""#])
        #expect(found.map(\.instancePointer) == ["/type"])
        #expect(found.map(\.keywordLocation) == ["/oneOf"])
        let wrongType = try Self.violations(#""directory""#, schema: Self.executorSchema)
        #expect(wrongType.map(\.message) == ["expected object, got string"])
    }

    @Test("anyOf of types reads as one type phrase; anyOf of alternatives lists what each wanted")
    func anyOfSummaries() throws {
        let types = try Self.violations("5", schema: #"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#)
        #expect(types.map(\.message) == ["expected string or null, got number"])
        let values = try Self.violations(#""x""#, schema: #"{"anyOf": [{"const": "a"}, {"enum": ["b", "c"]}]}"#)
        #expect(values.map(\.message) == [#"must be one of: "a", "b", "c""#])
        let provider = try Self.violations(
            #""llamacpp""#,
            schema: #"{"type": "string", "anyOf": [{"enum": ["llama.cpp", "vllm"]}, {"pattern": "^hosted:[a-z]+$"}]}"#)
        #expect(
            provider.map(\.message) == [
                #"must match at least one schema of anyOf: must be one of: "llama.cpp", "vllm"; or does not match pattern ^hosted:[a-z]+$"#
            ])
        let required = try Self.violations(
            #"{"name": "TOKEN"}"#, schema: #"{"oneOf": [{"required": ["value"]}, {"required": ["secretRef"]}]}"#)
        #expect(
            required.map(\.message) == [
                #"must match exactly one schema of oneOf (matched 0): missing required property "value"; or missing required property "secretRef""#
            ])
    }

    @Test("the branch that matched furthest into the instance is the one reported")
    func furthestBranch() throws {
        let schema = """
            {"anyOf": [
              {"type": "object", "required": ["a"]},
              {"type": "object", "properties": {"b": {"properties": {"c": {"type": "integer"}}}}}
            ]}
            """
        let found = try Self.violations(#"{"b": {"c": "x"}}"#, schema: schema)
        #expect(found.map(\.message) == ["expected integer, got string"])
        #expect(found.map(\.instancePointer) == ["/b/c"])
    }

    @Test("other keywords: uniqueItems, contains, dependentRequired, propertyNames, not, multipleOf, false")
    func otherKeywords() throws {
        #expect(
            try Self.violations("[1, 2, 1]", schema: #"{"uniqueItems": true}"#).map(\.message)
                == ["duplicate of item 0; items must be unique"])
        #expect(
            try Self.violations("[1, 2, 1]", schema: #"{"uniqueItems": true}"#).map(\.instancePointer) == ["/2"])
        #expect(
            try Self.violations("[1]", schema: #"{"contains": {"type": "string"}}"#).map(\.message)
                == ["must contain an item matching the contains schema"])
        #expect(
            try Self.violations(#"["a", "b", "c"]"#, schema: #"{"contains": {"type": "string"}, "maxContains": 2}"#)
                .map(\.message) == ["must contain at most 2 items matching the contains schema (found 3)"])
        #expect(
            try Self.violations(#"{"a": 1}"#, schema: #"{"dependentRequired": {"a": ["b"]}}"#).map(\.message)
                == [#"missing property "b" (required when "a" is present)"#])
        let names = try Self.violations(#"{"ok": 1, "Bad": 2}"#, schema: #"{"propertyNames": {"pattern": "^[a-z]+$"}}"#)
        #expect(names.map(\.message) == [#"property name "Bad" does not match pattern ^[a-z]+$"#])
        #expect(names.map(\.instancePointer) == ["/Bad"])
        #expect(names.first?.position.column == 11)
        #expect(
            try Self.violations(#"{"a": 1}"#, schema: #"{"not": {"required": ["a"]}}"#).map(\.message)
                == [#"must not match the schema in "not""#])
        #expect(try Self.violations("0.3", schema: #"{"multipleOf": 0.1}"#).isEmpty)
        #expect(
            try Self.violations("0.35", schema: #"{"multipleOf": 0.1}"#).map(\.message) == ["must be a multiple of 0.1"]
        )
        #expect(try Self.violations("1", schema: "false").map(\.message) == ["no value is allowed here"])
        #expect(
            try Self.violations(#"{"a": 1}"#, schema: #"{"properties": {"a": false}}"#).map(\.message)
                == [#"property "a" is not allowed"#])
        #expect(
            try Self.violations("[1, 2, 3]", schema: #"{"prefixItems": [{}], "items": false}"#).map(\.message)
                == ["unexpected item: at most 1 item allowed"])
        #expect(
            try Self.violations(
                #"{"a": 1, "b": 2}"#, schema: #"{"properties": {"a": {}}, "unevaluatedProperties": false}"#
            )
            .map(\.message) == [#"unknown property "b""#])
    }

    @Test("formats are assertions with a message naming the format")
    func formatMessages() throws {
        let schema =
            #"{"properties": {"at": {"format": "date-time"}, "home": {"format": "uri"}, "mail": {"format": "email"}}}"#
        let found = try Self.violations(
            #"{"at": "yesterday", "home": "example.com", "mail": "nobody"}"#, schema: schema)
        #expect(
            found.map(\.message) == [
                "is not a valid date-time (RFC 3339, e.g. 2025-01-31T12:00:00Z)",
                "is not a valid URI (RFC 3986, with a scheme)",
                "is not a valid email address",
            ])
    }
}
