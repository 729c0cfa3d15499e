import Testing

@testable import Formats

/// What a user reads when a document is rejected, and what is accepted at the edges.
@Suite("JSONReader errors")
struct JSONReaderErrorTests {
    /// The error `parse` throws for `bytes`, or nil (recorded as an issue) if it accepts them.
    private func failure(_ bytes: [UInt8], options: JSONReader.Options = .init()) -> JSONError? {
        do {
            let node = try JSONReader.parse(bytes, options: options)
            Issue.record("accepted \(bytes): \(node.value)")
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String) -> JSONError? { failure(Array(text.utf8)) }

    // MARK: - Structure

    @Test("duplicate key names the key and the line of the first, and points at the second")
    func duplicateKey() throws {
        let error = try #require(failure("{\n  \"image\": \"a\",\n  \"tag\": 1,\n\n  \"image\": \"b\"\n}"))
        #expect(error.kind == .duplicateKey)
        #expect(error.message == "duplicate key \"image\" (first at line 2)")
        #expect(error.position == TextPosition(line: 5, column: 3, offset: 33))
        #expect(error.description == "5:3: duplicate key \"image\" (first at line 2)")
    }

    @Test("duplicate keys are found in nested objects and after escapes")
    func duplicateKeyEscaped() throws {
        let error = try #require(failure(#"{"a": {"b": 1, "\u0062": 2}}"#))
        #expect(error.message == "duplicate key \"b\" (first at line 1)")
        // Canonically equivalent but different code points are different keys, as in JSON.
        let node = try JSONReader.parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}")
        #expect(node.objectValue?.count == 2)
    }

    @Test(
        "structural mistakes get a message naming what was expected",
        arguments: [
            ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after object member, found '\"'"),
            ("[1 2]", "expected ',' or ']' after array element, found '2'"),
            ("{\"a\" 1}", "expected ':' after object key, found '1'"),
            ("{a: 1}", "expected a string key in double quotes, found 'a'"),
            ("{\"a\": 1,}", "expected a string key in double quotes, found '}'"),
            ("[1,]", "expected a value, found ']'"),
            ("[1", "unexpected end of document, expected ',' or ']'"),
            ("{\"a\":", "unexpected end of document, expected a value"),
            ("[\"abc", "unterminated string"),
            ("[tru]", "invalid literal, expected 'true'"),
            ("[nul]", "invalid literal, expected 'null'"),
            ("{} x", "unexpected 'x' after the end of the document"),
            ("[1]]", "unexpected ']' after the end of the document"),
            ("", "document is empty, expected a JSON value"),
            (" \n\t ", "document is empty, expected a JSON value"),
            ("[é]", "expected a value, found 'é'"),
            ("[\u{7}]", "expected a value, found U+0007"),
        ])
    func structure(text: String, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
    }

    @Test("a UTF-8 byte order mark is rejected with advice; UTF-16 is named")
    func byteOrderMark() throws {
        let utf8 = try #require(failure([0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
        #expect(utf8.kind == .byteOrderMark)
        #expect(utf8.message == "document starts with a UTF-8 byte order mark; save it as UTF-8 without BOM")
        #expect(utf8.position == TextPosition(line: 1, column: 1, offset: 0))
        let utf16 = try #require(failure([0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00]))
        #expect(utf16.message == "document starts with a UTF-16 byte order mark; JSON must be UTF-8")
    }

    // MARK: - Numbers

    @Test(
        "malformed numbers are rejected",
        arguments: [
            ("[01]", "leading zeros are not allowed in numbers"),
            ("[-012]", "leading zeros are not allowed in numbers"),
            ("[1.]", "expected a digit after the decimal point"),
            ("[1.e3]", "expected a digit after the decimal point"),
            ("[1e]", "expected a digit in the exponent"),
            ("[1e+]", "expected a digit in the exponent"),
            ("[-]", "expected a digit after '-'"),
            ("[.5]", "expected a value, found '.'"),
            ("[+1]", "expected a value, found '+'"),
            ("[NaN]", "NaN and Infinity are not valid JSON numbers"),
            ("[Infinity]", "NaN and Infinity are not valid JSON numbers"),
            ("[-Infinity]", "NaN and Infinity are not valid JSON numbers"),
            ("[0x10]", "expected ',' or ']' after array element, found 'x'"),
        ])
    func malformedNumbers(text: String, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
    }

    @Test("numbers overflowing a Double are rejected; underflow and big integers keep their literal")
    func numberRange() throws {
        let error = try #require(failure("[1e400]"))
        #expect(error.kind == .numberOutOfRange)
        #expect(error.message == "number 1e400 is too large for a 64-bit float")
        #expect(error.position.column == 2)

        let node = try JSONReader.parse("[1e-400, 100000000000000000000000000001, 1.50e3, -0]")
        let numbers = try #require(node.arrayValue).compactMap(\.numberValue)
        #expect(numbers.map(\.literal) == ["1e-400", "100000000000000000000000000001", "1.50e3", "-0"])
        #expect(numbers.map(\.double) == [0, 1e29, 1500, 0])
    }

    // MARK: - Strings

    @Test("escapes decode, including surrogate pairs and \\u0000")
    func escapes() throws {
        let node = try JSONReader.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC\uD834\uDD1E", "a\u0000b"]"#)
        let strings = try #require(node.arrayValue).compactMap(\.stringValue)
        #expect(strings == ["\"\\/\u{8}\u{C}\n\r\t", "é€𝄞", "a\u{0}b"])
    }

    @Test(
        "lone surrogates in \\u escapes are rejected",
        arguments: [
            (#"["\uD800"]"#, "lone surrogate \\uD800 in string: a high surrogate must be followed by a \\u escape of a low surrogate"),
            (#"["\uD800abc"]"#, "lone surrogate \\uD800 in string: a high surrogate must be followed by a \\u escape of a low surrogate"),
            (#"["\uD800\u0041"]"#, "lone surrogate \\uD800 in string: it is followed by \\u0041, not a low surrogate"),
            (#"["\uDBFF\uDBFF"]"#, "lone surrogate \\uDBFF in string: it is followed by \\uDBFF, not a low surrogate"),
            (#"["\uDC00"]"#, "lone surrogate \\uDC00 in string: a low surrogate must follow a high surrogate"),
            (#"{"\uDFAA": 1}"#, "lone surrogate \\uDFAA in string: a low surrogate must follow a high surrogate"),
        ])
    func loneSurrogates(text: String, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.kind == .loneSurrogate)
        #expect(error.message == message)
    }

    @Test(
        "bad escapes and raw control characters in strings are rejected",
        arguments: [
            (#"["\x"]"#, "invalid escape \\x in string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
            (#"["\u12"]"#, "invalid \\u escape: expected 4 hexadecimal digits"),
            (#"["\u12G4"]"#, "invalid \\u escape: expected 4 hexadecimal digits"),
            ("[\"a\tb\"]", "control character U+0009 (tab, write \\t) in string must be escaped"),
            ("[\"a\nb\"]", "control character U+000A (line feed, write \\n) in string must be escaped"),
            ("[\"a\u{0}b\"]", "control character U+0000 (NUL) in string must be escaped"),
            ("[\"a\u{1F}b\"]", "control character U+001F in string must be escaped"),
        ])
    func badStrings(text: String, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
    }

    @Test(
        "invalid UTF-8 is rejected inside strings and out, naming the bytes",
        arguments: [
            ([0xC0, 0xAF], "invalid UTF-8 byte 0xc0 (overlong encoding)"),
            ([0xE0, 0x80, 0xAF], "invalid UTF-8 sequence 0xe0 0x80 (overlong encoding)"),
            ([0xF0, 0x80, 0x80, 0xAF], "invalid UTF-8 sequence 0xf0 0x80 (overlong encoding)"),
            ([0xED, 0xA0, 0x80], "invalid UTF-8 sequence 0xed 0xa0 (a UTF-16 surrogate encoded in UTF-8)"),
            ([0xED, 0xBF, 0xBF], "invalid UTF-8 sequence 0xed 0xbf (a UTF-16 surrogate encoded in UTF-8)"),
            ([0xF4, 0x90, 0x80, 0x80], "invalid UTF-8 sequence 0xf4 0x90 (above U+10FFFF)"),
            ([0xE2, 0x82], "truncated UTF-8 sequence starting with byte 0xe2"),
            ([0xE2, 0x41], "truncated UTF-8 sequence starting with byte 0xe2"),
            ([0xF0, 0x9D, 0x84], "truncated UTF-8 sequence starting with byte 0xf0"),
            ([0x80], "invalid UTF-8 byte 0x80 (a continuation byte without a lead byte)"),
            ([0xFF], "invalid UTF-8 byte 0xff"),
            ([0xF8, 0x88, 0x80, 0x80, 0x80], "invalid UTF-8 byte 0xf8"),
            ([0xFC, 0x80, 0x80, 0x80, 0x80, 0x80], "invalid UTF-8 byte 0xfc"),
        ] as [([UInt8], String)])
    func invalidUTF8(sequence: [UInt8], message: String) throws {
        // Inside a string value, inside a key, and outside any string.
        let documents: [[UInt8]] = [
            Array("[\"a".utf8) + sequence + Array("z\"]".utf8),
            Array("{\"".utf8) + sequence + Array("\": 1}".utf8),
            Array("[1, ".utf8) + sequence + Array("]".utf8),
        ]
        for document in documents {
            let error = try #require(failure(document))
            #expect(error.kind == .invalidUTF8)
            #expect(error.message == message)
        }
    }

    @Test("valid multi-byte UTF-8 at every length is accepted")
    func validUTF8() throws {
        let text = "[\"\u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}\"]"
        let node = try JSONReader.parse(text)
        #expect(node[0]?.stringValue == "\u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}")
    }
}
