import Foundation
import Testing

@testable import Formats

/// Hostile and oversized input: limits give clean errors, and nothing overflows the stack.
@Suite("JSONReader limits")
struct JSONReaderLimitTests {
    /// `depth` nested arrays around `1`: `[[[1]]]`.
    private func nestedArrays(_ depth: Int, closed: Bool = true) -> [UInt8] {
        [UInt8](repeating: UInt8(ascii: "["), count: depth) + (closed
            ? [UInt8(ascii: "1")] + [UInt8](repeating: UInt8(ascii: "]"), count: depth) : [])
    }

    /// `depth` nested objects: `{"a":{"a":1}}`.
    private func nestedObjects(_ depth: Int) -> [UInt8] {
        Array(String(repeating: "{\"a\":", count: depth).utf8) + [UInt8(ascii: "1")]
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
    }

    private func failure(_ bytes: [UInt8], options: JSONReader.Options = .init()) -> JSONError? {
        do {
            _ = try JSONReader.parse(bytes, options: options)
            Issue.record("accepted a \(bytes.count)-byte document")
            return nil
        } catch {
            return error
        }
    }

    /// Runs `body` on a fresh thread with a 512 KiB stack (the size of a secondary thread on
    /// macOS) and returns its result, so a recursion that would overflow a small stack crashes
    /// the test instead of passing on the 8 MiB main thread.
    private func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    // MARK: - Depth

    @Test("the default depth limit is 128: 128 levels pass, 129 fail at the 129th bracket")
    func defaultDepth() throws {
        _ = try JSONReader.parse(nestedArrays(128))
        _ = try JSONReader.parse(nestedObjects(128))
        let arrays = try #require(failure(nestedArrays(129)))
        #expect(arrays.kind == .nestingTooDeep)
        #expect(arrays.message == "nesting deeper than 128")
        #expect(arrays.position == TextPosition(line: 1, column: 129, offset: 128))
        let objects = try #require(failure(nestedObjects(129)))
        #expect(objects.message == "nesting deeper than 128")
        #expect(objects.position.offset == 128 * 5)
    }

    @Test("the depth limit is configurable")
    func configurableDepth() throws {
        let shallow = JSONReader.Options(maxDepth: 2)
        _ = try JSONReader.parse(Array("[[1], {\"a\": 2}]".utf8), options: shallow)
        let error = try #require(failure(Array("[[[1]]]".utf8), options: shallow))
        #expect(error.message == "nesting deeper than 2")
        let scalarsOnly = JSONReader.Options(maxDepth: 0)
        #expect(try JSONReader.parse(Array("7".utf8), options: scalarsOnly).intValue == 7)
        #expect(failure(Array("[]".utf8), options: scalarsOnly)?.message == "nesting deeper than 0")
        _ = try JSONReader.parse(nestedArrays(500), options: .init(maxDepth: 500))
    }

    @Test("1,000,000 unclosed '[' give a clean error, by default and with a huge maxDepth")
    func millionOpenBrackets() throws {
        let hostile = nestedArrays(1_000_000, closed: false)
        let byDefault = try #require(failure(hostile))
        #expect(byDefault.message == "nesting deeper than 128")
        let huge = try #require(failure(hostile, options: .init(maxDepth: Int.max)))
        #expect(huge.kind == .nestingTooDeep)
        #expect(huge.message == "nesting deeper than 1000")
        #expect(huge.position.offset == 1_000)
    }

    @Test("1,000,000 closed nested arrays are rejected at the ceiling, not parsed")
    func millionClosedBrackets() throws {
        let error = try #require(failure(nestedArrays(1_000_000), options: .init(maxDepth: 2_000_000)))
        #expect(error.message == "nesting deeper than \(JSONReader.Options.depthCeiling)")
    }

    @Test("maxDepth is clamped to the documented ceiling of 1,000")
    func ceiling() {
        #expect(JSONReader.Options.depthCeiling == 1_000)
        #expect(JSONReader.Options(maxDepth: 1_000_000).effectiveMaxDepth == 1_000)
        #expect(JSONReader.Options(maxDepth: -5).effectiveMaxDepth == 0)
        #expect(JSONReader.Options().effectiveMaxDepth == 128)
        #expect(failure(nestedArrays(1_001), options: .init(maxDepth: .max))?.message == "nesting deeper than 1000")
    }

    @Test("values at the depth ceiling parse, write, compare and are freed on a 512 KiB stack")
    func deepAtCeilingOnSmallStack() async throws {
        let arrays = nestedArrays(JSONReader.Options.depthCeiling)
        let objects = nestedObjects(JSONReader.Options.depthCeiling)
        let outcome = await onSmallStack { () -> [String] in
            var report: [String] = []
            for document in [arrays, objects] {
                do {
                    let node = try JSONReader.parse(document, options: .init(maxDepth: 1_000_000))
                    let written = JSONWriter(sortedKeys: true).encode(node)
                    report.append(written == document ? "round-trip" : "different output")
                    let again = try JSONReader.parse(written, options: .init(maxDepth: 1_000))
                    report.append(node.jsonEquals(again) ? "equal" : "not equal")
                    report.append(node.canonicalKey.count == document.count ? "key" : "bad key")
                    // `node` and `again` are released here, on this thread.
                } catch {
                    report.append("error: \(error)")
                }
            }
            return report
        }
        #expect(outcome == ["round-trip", "equal", "key", "round-trip", "equal", "key"])
    }

    // MARK: - Size

    @Test("a 5 MiB document is rejected before parsing, naming its size and the limit")
    func fiveMebibytes() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 5 * 1024 * 1024 - 2)
        let document = [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
        let error = try #require(failure(document))
        #expect(error.kind == .documentTooLarge)
        #expect(error.message == "document is 5242880 bytes, over the 4194304-byte limit")
        #expect(error.position == TextPosition(line: 1, column: 1, offset: 0))
        let raised = try JSONReader.parse(document, options: .init(maxBytes: 8 * 1024 * 1024))
        #expect(raised.stringValue?.utf8.count == body.count)
    }

    @Test("the size limit is inclusive and configurable")
    func sizeLimit() throws {
        let document = Array("[1,2,3,4,5]".utf8)  // 11 bytes
        _ = try JSONReader.parse(document, options: .init(maxBytes: 11))
        let error = try #require(failure(document, options: .init(maxBytes: 10)))
        #expect(error.message == "document is 11 bytes, over the 10-byte limit")
    }

    @Test("a document of 4 MiB of small values parses within the default limit")
    func largeValidDocument() throws {
        let element = "{\"name\":\"web-1\",\"port\":8080,\"on\":true},"
        let count = (4 * 1024 * 1024 - 64) / element.utf8.count
        let text = "[" + String(repeating: element, count: count) + "null]"
        #expect(text.utf8.count <= 4 * 1024 * 1024)
        let node = try JSONReader.parse(text)
        #expect(node.arrayValue?.count == count + 1)
        #expect(node[count - 1]?["port"]?.intValue == 8080)
    }
}
