import Formats
import Testing

/// UTF8Scan reads a string's bytes in place; it must answer as the UTF8View does.
@Suite struct UTF8ScanTests {
    private static let samples = ["", "a", "plain-ascii_name", String(repeating: "x", count: 40), "é", "日本語 text", "tab\there"]

    @Test func agreesWithTheUTF8View() {
        let predicates: [(UInt8) -> Bool] = [{ $0 < 0x20 }, { $0 >= 0x80 }, { $0 == UInt8(ascii: "x") }, { _ in true }]
        for text in Self.samples {
            for predicate in predicates {
                #expect(UTF8Scan.contains(text, where: predicate) == text.utf8.contains(where: predicate), "\(text.debugDescription)")
                #expect(UTF8Scan.allSatisfy(text, predicate) == text.utf8.allSatisfy(predicate), "\(text.debugDescription)")
            }
        }
    }
}
