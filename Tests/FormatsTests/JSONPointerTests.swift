import Testing

@testable import Formats

/// RFC 6901 JSON Pointer helpers.
@Suite("JSONPointer")
struct JSONPointerTests {
    @Test("reference tokens escape ~ and / and unescape back")
    func escaping() {
        #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
        #expect(JSONPointer.escape("~1") == "~01")
        #expect(JSONPointer.unescape("a~1b~0c") == "a/b~c")
        #expect(JSONPointer.unescape("~01") == "~1")
        #expect(JSONPointer.unescape("plain") == "plain")
        #expect(JSONPointer.unescape("bad~2") == nil)
        #expect(JSONPointer.unescape("end~") == nil)
    }

    @Test("pointers are built from components and split back")
    func building() {
        #expect(JSONPointer.pointer([]) == "")
        #expect(JSONPointer.pointer(["spec", "containers", "0", "image"]) == "/spec/containers/0/image")
        #expect(JSONPointer.pointer(["a/b", "m~n", ""]) == "/a~1b/m~0n/")
        #expect(JSONPointer.appending(JSONPointer.appending("", "spec"), index: 2) == "/spec/2")
        #expect(JSONPointer.components("/a~1b/m~0n/") == ["a/b", "m~n", ""])
        #expect(JSONPointer.components("") == [])
        #expect(JSONPointer.components("no-slash") == nil)
        #expect(JSONPointer.components("/bad~x") == nil)
    }

    @Test("RFC 6901 section 5 examples resolve to the values the RFC lists")
    func rfcExamples() throws {
        let document = try JSONReader.parse(
            #"{"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8}"#
        )
        #expect(JSONPointer.resolve("", in: document)?.objectValue?.count == 10)
        #expect(JSONPointer.resolve("/foo", in: document)?.arrayValue?.count == 2)
        #expect(JSONPointer.resolve("/foo/0", in: document)?.stringValue == "bar")
        let expected: [(String, Int)] = [
            ("/", 0), ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6),
            ("/ ", 7), ("/m~0n", 8),
        ]
        for (pointer, value) in expected {
            #expect(JSONPointer.resolve(pointer, in: document)?.intValue == value, "\(pointer)")
        }
    }

    @Test("pointers that lead nowhere resolve to nil, and resolved nodes keep their position")
    func misses() throws {
        let document = try JSONReader.parse("{\n  \"list\": [10, 20],\n  \"n\": 1\n}")
        #expect(JSONPointer.resolve("/list/2", in: document) == nil)
        #expect(JSONPointer.resolve("/list/-", in: document) == nil)
        #expect(JSONPointer.resolve("/list/01", in: document) == nil)
        #expect(JSONPointer.resolve("/list/x", in: document) == nil)
        #expect(JSONPointer.resolve("/n/0", in: document) == nil)
        #expect(JSONPointer.resolve("/missing", in: document) == nil)
        #expect(JSONPointer.resolve("list", in: document) == nil)
        let twenty = try #require(JSONPointer.resolve("/list/1", in: document))
        #expect(twenty.intValue == 20)
        #expect(twenty.position == TextPosition(line: 2, column: 16, offset: 17))
    }
}
