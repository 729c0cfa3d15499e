import Foundation
import Testing

@testable import Formats

/// Deterministic JSON output: sorting, escaping, layout, numbers, round-trips.
@Suite("JSONWriter")
struct JSONWriterTests {
    private func compact(_ value: JSONValue, sorted: Bool = true) -> String {
        JSONWriter(sortedKeys: sorted).string(value)
    }

    @Test("keys are sorted by code point by default, kept in source order on request")
    func sortedKeys() throws {
        let node = try JSONReader.parse(#"{"b": 1, "a": {"z": true, "é": null, "Z": false}, "A": []}"#)
        #expect(JSONWriter().string(node) == #"{"A":[],"a":{"Z":false,"z":true,"é":null},"b":1}"#)
        #expect(
            JSONWriter(sortedKeys: false).string(node) == #"{"b":1,"a":{"z":true,"é":null,"Z":false},"A":[]}"#)
    }

    @Test("pretty output indents by two spaces and ends with a newline")
    func pretty() {
        let value: JSONValue = ["name": "web", "ports": [80, 443], "env": [:], "args": [], "on": true]
        let expected = """
            {
              "args": [],
              "env": {},
              "name": "web",
              "on": true,
              "ports": [
                80,
                443
              ]
            }

            """
        #expect(JSONWriter(pretty: true).string(value) == expected)
        #expect(JSONWriter(pretty: true).string(7) == "7\n")
    }

    @Test("strings escape quotes, backslashes and control characters only")
    func escaping() {
        let value: JSONValue = .string("q\" b\\ s/ \u{8}\u{C}\n\r\t \u{0}\u{1}\u{1F} \u{7F} é€𝄞 \u{2028}")
        let expected = #""q\" b\\ s/ \b\f\n\r\t \u0000\u0001\u001f "# + "\u{7F} é€𝄞 \u{2028}\""
        #expect(compact(value) == expected)
        #expect(compact(["a\"b\n": 1]) == #"{"a\"b\n":1}"#)
    }

    @Test("numbers are written from their literal, or from the Double when there is none")
    func numbers() throws {
        let node = try JSONReader.parse("[1.50e3, -0, 1E+2, 100000000000000000000000000001, 0.1]")
        #expect(JSONWriter().string(node) == "[1.50e3,-0,1E+2,100000000000000000000000000001,0.1]")
        let built: JSONValue = [1, 2.5, 3.0, 1e20, -7]
        #expect(compact(built) == "[1,2.5,3,1e+20,-7]")
        let odd: JSONValue = .array(of: [
            .number(JSONNumber(literal: "", double: 4)),
            .number(JSONNumber(literal: "0x1F", double: 31)),
            .number(JSONNumber(literal: "nan", double: .nan)),
            .number(JSONNumber(literal: "", double: -.infinity)),
        ])
        #expect(compact(odd) == "[4,31,null,null]")
    }

    @Test("parse → write → parse gives an equal value for every accepted JSONTestSuite file")
    func roundTripCorpus() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var roundTripped = 0
        for name in names where name.hasPrefix("y_") || name.hasPrefix("i_") {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            guard let original = try? JSONReader.parse(bytes) else { continue }
            for writer in [JSONWriter(), JSONWriter(sortedKeys: false, pretty: true)] {
                let written = writer.encode(original)
                let reparsed = try JSONReader.parse(written)
                #expect(original.jsonEquals(reparsed), "\(name) changed in a round trip")
                #expect(writer.encode(reparsed) == written, "\(name) is not a fixed point of the writer")
            }
            roundTripped += 1
        }
        // 95 y_ files minus the 2 duplicate-key ones we reject, plus the 5 accepted i_ files.
        #expect(roundTripped == 95 - 2 + 5)
    }

    @Test("the same value always gives the same bytes, whatever its source key order")
    func determinism() throws {
        let a = try JSONReader.parse(#"{"x": [1, {"q": 1, "p": 2}], "b": "c", "a": null}"#)
        let b = try JSONReader.parse("{\n\"a\":null,\"b\":\"c\",\r\n\"x\":[1,{\"p\":2,\"q\":1}]}")
        #expect(JSONWriter().encode(a) == JSONWriter().encode(b))
        #expect(JSONWriter(pretty: true).encode(a) == JSONWriter(pretty: true).encode(b))
        #expect(JSONWriter().string(a) == #"{"a":null,"b":"c","x":[1,{"p":2,"q":1}]}"#)
    }
}
