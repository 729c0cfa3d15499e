import Testing

@testable import Formats

/// Line and column of values, keys and errors as a user's editor would show them.
@Suite("JSONReader positions")
struct JSONReaderPositionTests {
    private func at(_ line: Int, _ column: Int, _ offset: Int) -> TextPosition {
        TextPosition(line: line, column: column, offset: offset)
    }

    @Test("nested values and keys carry their line and column")
    func nested() throws {
        let text = """
            {
              "spec": {
                "containers": [
                  {"image": "nginx", "port": 80}
                ]
              }
            }
            """
        let root = try JSONReader.parse(text)
        #expect(root.position == at(1, 1, 0))
        let spec = try #require(root.objectValue?.member("spec"))
        #expect(spec.keyPosition == at(2, 3, 4))
        #expect(spec.value.position == at(2, 11, 12))
        let containers = try #require(spec.value.objectValue?.member("containers"))
        #expect(containers.keyPosition.line == 3)
        #expect(containers.keyPosition.column == 5)
        #expect(containers.value.position.column == 19)
        let first = try #require(containers.value[0])
        #expect(first.position.line == 4 && first.position.column == 7)
        let image = try #require(first.objectValue?.member("image"))
        #expect(image.keyPosition.line == 4 && image.keyPosition.column == 8)
        #expect(image.value.position.column == 17)
        #expect(image.value.stringValue == "nginx")
        let port = try #require(first["port"])
        #expect(port.position.line == 4 && port.position.column == 34)
    }

    @Test("columns count Unicode scalars, offsets count bytes, after multi-byte UTF-8")
    func multiByte() throws {
        // "é" is 2 bytes, "€" 3 bytes, "𝄞" 4 bytes: each one column.
        let root = try JSONReader.parse(#"["é€𝄞", 1, {"ü": true}]"#)
        let elements = try #require(root.arrayValue)
        #expect(elements[0].position == at(1, 2, 1))
        // `1` follows `"é€𝄞", ` : 1 + 1 + 3 scalars + 1 + 2 = column 9; bytes 1 + 1 + 9 + 1 + 2 = 14.
        #expect(elements[1].position == at(1, 9, 14))
        let member = try #require(elements[2].objectValue?.member("ü"))
        #expect(member.keyPosition == at(1, 13, 18))
        #expect(member.value.position == at(1, 18, 24))
    }

    @Test("CRLF, LF and a lone CR each end one line")
    func lineEndings() throws {
        let root = try JSONReader.parse("[\r\n1,\r\n  2,\n3,\r4]")
        let elements = try #require(root.arrayValue)
        #expect(elements.map(\.position.line) == [2, 3, 4, 5])
        #expect(elements.map(\.position.column) == [1, 3, 1, 1])
        #expect(elements.map(\.position.offset) == [3, 9, 12, 15])
    }

    @Test("a long single-line document keeps exact columns")
    func longLine() throws {
        let text = "[" + Array(repeating: "\"ä\"", count: 10_000).joined(separator: ",") + "]"
        let elements = try #require(try JSONReader.parse(text).arrayValue)
        #expect(elements.count == 10_000)
        #expect(elements[9_999].position.column == 2 + 9_999 * 4)
        #expect(elements[9_999].position.offset == 1 + 9_999 * 5)
    }

    @Test("errors point at the offending character")
    func errorPositions() {
        let cases: [(String, TextPosition)] = [
            ("{\n  \"a\": 1\n  \"b\": 2\n}", at(3, 3, 13)),  // missing comma: at "b"
            ("[1,\n  tru]", at(2, 3, 6)),
            ("[\"é\",\n \"x\u{1}\"]", at(2, 4, 10)),
            ("{\"a\": 01}", at(1, 7, 6)),
            ("[1] x", at(1, 5, 4)),
            ("[\"€\" 2]", at(1, 6, 7)),
        ]
        for (text, expected) in cases {
            #expect(throws: JSONError.self, "\(text.debugDescription)") { try JSONReader.parse(text) }
            do {
                _ = try JSONReader.parse(text)
            } catch {
                #expect(error.position == expected, "\(text.debugDescription): \(error)")
            }
        }
    }

    @Test("an invalid byte is located on its line and column")
    func utf8ErrorPosition() {
        let bytes: [UInt8] = Array("{\n  \"k\": \"ab".utf8) + [0xFF] + Array("\"}".utf8)
        #expect {
            try JSONReader.parse(bytes)
        } throws: { error in
            guard let error = error as? JSONError else { return false }
            return error.position == TextPosition(line: 2, column: 11, offset: 12)
                && error.description == "2:11: invalid UTF-8 byte 0xff"
        }
    }
}
