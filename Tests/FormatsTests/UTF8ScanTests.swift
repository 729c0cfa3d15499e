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

    /// The word tests against a byte-by-byte oracle: every byte value at every position of a
    /// word, in texts whose length leaves every size of tail.
    @Test func wordScansAgreeWithTheBytes() {
        let filler = UInt8(ascii: "a")
        for length in 1...17 {
            for position in 0..<length {
                for value in [0x00, 0x01, 0x5C, 0x60, 0x7E, 0x7F, 0x80, 0xC2, 0xFE, 0xFF] as [UInt8] {
                    var bytes = [UInt8](repeating: filler, count: length)
                    bytes[position] = value
                    #expect(UTF8Scan.containsByte(in: bytes, word: { UTF8Scan.hasZeroByte($0) }, byte: { $0 == 0 }) == (value == 0))
                    #expect(UTF8Scan.containsByte(in: bytes, word: { UTF8Scan.hasHighByte($0) }, byte: { $0 >= 0x80 }) == (value >= 0x80))
                    #expect(
                        UTF8Scan.containsByte(in: bytes, word: { UTF8Scan.hasByte(0x5C, in: $0) }, byte: { $0 == 0x5C }) == (value == 0x5C),
                        "0x5C among \(bytes)")
                }
            }
        }
        // Neighbouring values must not be mistaken for the one sought (borrows across bytes).
        #expect(!UTF8Scan.hasByte(0x5C, in: 0x5D5B_5D5B_5D5B_5D5B))
        #expect(!UTF8Scan.hasZeroByte(0x0101_0101_0101_0101))
        #expect(UTF8Scan.hasZeroByte(0x0100_0101_0101_0101))
        #expect(!UTF8Scan.containsByte(in: [], word: { _ in true }, byte: { _ in true }))
    }
}
