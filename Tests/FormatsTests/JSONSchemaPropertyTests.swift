import Formats
import Testing

/// `properties` names match instance keys by code points, as JSON compares keys: "é" (U+00E9)
/// and "e\u{301}" are two different properties, though Swift's `==` calls them equal.
@Suite("JSONSchema properties by code points")
struct JSONSchemaPropertyTests {
    @Test func anotherSpellingIsAnotherProperty() throws {
        let compiled = try JSONSchema(JSONReader.parse(#"{"properties": {"\u00e9": {"type": "integer"}}, "additionalProperties": false}"#))
        #expect(compiled.isValid(try JSONReader.parse(#"{"\u00e9": 1}"#)))
        #expect(!compiled.isValid(try JSONReader.parse(#"{"\u00e9": "x"}"#)))
        // The decomposed spelling is not the property: additionalProperties refuses it.
        let violations = compiled.validate(try JSONReader.parse(#"{"e\u0301": 1}"#))
        #expect(violations.count == 1)
        #expect(violations.first?.keywordLocation == "/additionalProperties")
    }

    @Test func aKeyOfTheSameLengthButOtherBytesIsAdditional() throws {
        let compiled = try JSONSchema(JSONReader.parse(#"{"properties": {"name": {}, "nbme": {}}, "additionalProperties": false}"#))
        #expect(compiled.isValid(try JSONReader.parse(#"{"name": 1, "nbme": 2}"#)))
        let violations = compiled.validate(try JSONReader.parse(#"{"namf": 1}"#))
        #expect(violations.count == 1)
        #expect(violations.first?.instancePointer == "/namf")
    }
}

