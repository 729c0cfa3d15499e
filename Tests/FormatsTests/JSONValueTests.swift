import Testing

@testable import Formats

/// Accessors, semantic equality, canonical keys and builders on JSON values.
@Suite("JSONValue")
struct JSONValueTests {
    @Test("typed accessors return values of their type and nil otherwise")
    func accessors() throws {
        let node = try JSONReader.parse(
            #"{"s": "x", "b": true, "i": 3, "f": 2.5, "e": 3e2, "d": 3.0, "big": 1e30, "a": [1], "o": {}, "n": null}"#)
        #expect(node["s"]?.stringValue == "x")
        #expect(node["b"]?.boolValue == true)
        #expect(node["i"]?.intValue == 3)
        #expect(node["f"]?.intValue == nil)
        #expect(node["f"]?.doubleValue == 2.5)
        #expect(node["e"]?.intValue == 300)
        #expect(node["d"]?.intValue == 3)
        #expect(node["big"]?.intValue == nil)
        #expect(node["a"]?.arrayValue?.count == 1)
        #expect(node["a"]?[0]?.intValue == 1)
        #expect(node["a"]?[1] == nil)
        #expect(node["o"]?.objectValue?.isEmpty == true)
        #expect(node["n"]?.isNull == true)
        #expect(node["s"]?.intValue == nil)
        #expect(node["s"]?.boolValue == nil)
        #expect(node["missing"] == nil)
        #expect(node["s"]?["x"] == nil)
    }

    @Test("intValue is exact: big integer literals are read from their text")
    func exactIntegers() throws {
        let node = try JSONReader.parse("[9007199254740993, -9223372036854775808, 9223372036854775808, 1.0e1]")
        #expect(node[0]?.intValue == 9_007_199_254_740_993)
        #expect(node[1]?.intValue == Int.min)
        #expect(node[2]?.intValue == nil)
        #expect(node[3]?.intValue == 10)
    }

    @Test("objects find members by code points, small and large, and keep source order")
    func objectLookup() throws {
        for size in [3, 8, 9, 23, 24, 25, 40] {
            let keys = (0..<size).map { "k\($0)" } + ["\u{E9}", "e\u{301}"]
            let text = "{" + keys.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "}"
            let object = try #require(try JSONReader.parse(text).objectValue)
            #expect(object.keys == keys)
            for (n, key) in keys.enumerated() { #expect(object[key]?.intValue == n, "\(key) of \(size)") }
            #expect(object["missing"] == nil)
            #expect(!object.contains("e"))
            let duplicate = "{" + keys.map { "\"\($0)\": 0" }.joined(separator: ", ") + ", \"k1\": 1}"
            #expect(throws: JSONError.self) { try JSONReader.parse(duplicate) }
            var edited = object
            edited.set(JSONMember(key: "k2", keyPosition: TextPosition(line: 0, column: 0, offset: 0), value: JSONNode(true)))
            #expect(edited.keys == keys)
            #expect(edited["k2"]?.boolValue == true)
        }
    }

    @Test("typeName uses JSON Schema's names, with integer for whole numbers")
    func typeNames() throws {
        let node = try JSONReader.parse(#"[{}, [], "s", 1, 1.0, 1.5, true, null]"#)
        let names = try #require(node.arrayValue).map(\.typeName)
        #expect(names == ["object", "array", "string", "integer", "integer", "number", "boolean", "null"])
    }

    @Test("jsonEquals compares numbers by value, objects unordered, arrays ordered")
    func equality() throws {
        func equal(_ a: String, _ b: String) throws -> Bool {
            try JSONReader.parse(a).jsonEquals(try JSONReader.parse(b))
        }
        #expect(try equal("1", "1.0"))
        #expect(try equal("1", "1e0"))
        #expect(try equal("-0", "0"))
        #expect(try equal(#"{"a": 1, "b": [1, 2]}"#, #"{"b": [1.0, 2], "a": 1}"#))
        #expect(try !equal("[1, 2]", "[2, 1]"))
        #expect(try !equal(#"{"a": 1}"#, #"{"a": 1, "b": 2}"#))
        #expect(try !equal(#"{"a": 1}"#, #"{"b": 1}"#))
        #expect(try !equal("true", "1"))
        #expect(try !equal("0", "false"))
        #expect(try !equal("null", "{}"))
        #expect(try !equal("[]", "{}"))
        #expect(try !equal(#""1""#, "1"))
        // Strings compare by code points: NFC "é" and NFD "e\u0301" differ in JSON.
        #expect(try !equal(#""\u00e9""#, #""e\u0301""#))
    }

    @Test("canonicalKey agrees with jsonEquals")
    func canonicalKeys() throws {
        let texts = [
            "1", "1.0", "1e0", "-0", "0", "2", "true", "null", "\"1\"", "[1,2]", "[2,1]", "[1.0,2]",
            #"{"a":1,"b":2}"#, #"{"b":2.0,"a":1}"#, #"{"a":1}"#, #""\u00e9""#, #""e\u0301""#, "1e300", "[]", "{}",
        ]
        let nodes = try texts.map { try JSONReader.parse($0) }
        for (i, a) in nodes.enumerated() {
            for (j, b) in nodes.enumerated() {
                #expect(
                    (a.canonicalKey == b.canonicalKey) == a.jsonEquals(b),
                    "\(texts[i]) vs \(texts[j])")
            }
        }
        #expect(Set(nodes.map(\.canonicalKey)).count == 15)
    }

    @Test("literals and helpers build values that write as expected")
    func building() {
        let name = "web"
        let value: JSONValue = [
            "name": .string(name), "replicas": .number(2), "ratio": 0.5, "on": true, "off": nil,
            "ports": [80, 443], "labels": .object([("tier", "front"), ("app", .string(name))]),
        ]
        #expect(
            JSONWriter().string(value)
                == #"{"labels":{"app":"web","tier":"front"},"name":"web","off":null,"on":true,"ports":[80,443],"ratio":0.5,"replicas":2}"#
        )
        #expect(JSONWriter(sortedKeys: false).string(.object([("b", 1), ("a", 2), ("b", 3)])) == #"{"b":3,"a":2}"#)
        #expect(value["ports"]?[1]?.intValue == 443)
        #expect(JSONValue.array(of: ["a", 1]).arrayValue?.count == 2)
    }
}
