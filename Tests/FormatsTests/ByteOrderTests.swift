import Formats
import Testing

/// ByteOrder: the order of strings' UTF-8 bytes, as `git ls-tree` sorts paths.
@Suite struct ByteOrderTests {
    private static let samples = [
        "", "a", "b", "ab", "a/b", "a-b", "a.json", "a/", "A", "z", "~",
        "desired/agentpods/web.json", "desired/agentpods/web-2.json", "desired/agentpods/web/x.json",
        "a string longer than fifteen bytes, stored out of line", "a string longer than fifteen bytes, stored out of linf",
        "é", "e\u{301}", "ü", "日本", "日本語", "\u{10FFFF}", "\u{7F}", "\u{80}",
    ]

    @Test func agreesWithTheUTF8ViewOnEveryPair() {
        for lhs in Self.samples {
            for rhs in Self.samples {
                #expect(
                    ByteOrder.precedes(lhs, rhs) == lhs.utf8.lexicographicallyPrecedes(rhs.utf8),
                    "\(lhs.debugDescription) vs \(rhs.debugDescription)")
            }
        }
    }

    @Test func bytesNotCanonicalEquivalence() {
        // Swift's == and < treat these two spellings of é as equal; byte order does not.
        #expect("é" == "e\u{301}")
        #expect(ByteOrder.precedes("e\u{301}", "é"))
        #expect(!ByteOrder.precedes("é", "e\u{301}"))
    }

    @Test func equalMeansTheSameBytes() {
        for lhs in Self.samples {
            for rhs in Self.samples {
                #expect(ByteOrder.equal(lhs, rhs) == lhs.utf8.elementsEqual(rhs.utf8), "\(lhs.debugDescription) vs \(rhs.debugDescription)")
            }
        }
        #expect(!ByteOrder.equal("é", "e\u{301}"))
        // A small (inline) string and a large one built at run time compare by content.
        let built = String(repeating: "a", count: 20)
        #expect(ByteOrder.equal(built, "aaaaaaaaaaaaaaaaaaaa"))
        #expect(ByteOrder.equal(String("key".reversed().reversed()), "key"))
        // Canonically equivalent, the same number of bytes, other bytes: not equal.
        let dotBelowFirst = "\u{1E0B}\u{323}"
        let dotAboveFirst = "\u{1E0D}\u{307}"
        #expect(dotBelowFirst == dotAboveFirst && dotBelowFirst.utf8.count == dotAboveFirst.utf8.count)
        #expect(!ByteOrder.equal(dotBelowFirst, dotAboveFirst))
        // One shared buffer, and copies that hold the same bytes in separate buffers.
        let shared = built
        #expect(ByteOrder.equal(built, shared))
        #expect(ByteOrder.equal(built, String(decoding: Array(built.utf8), as: UTF8.self)))
        #expect(!ByteOrder.equal(built, String(repeating: "a", count: 19) + "b"))
    }

    @Test func firstIndexFindsTheNameWithTheSameBytes() {
        let names = ["name", "nbme", "é", "longer name", "name"]
        #expect(ByteOrder.firstIndex(of: "name", in: names) == 0)
        #expect(ByteOrder.firstIndex(of: "nbme", in: names) == 1)
        #expect(ByteOrder.firstIndex(of: "e\u{301}", in: names) == nil)
        #expect(ByteOrder.firstIndex(of: "é", in: names) == 2)
        #expect(ByteOrder.firstIndex(of: "nam", in: names) == nil)
        #expect(ByteOrder.firstIndex(of: "x", in: []) == nil)
    }

    @Test func aProperPrefixSortsFirstAndNothingPrecedesItself() {
        #expect(ByteOrder.precedes("", "a"))
        #expect(ByteOrder.precedes("desired", "desired/"))
        #expect(!ByteOrder.precedes("desired/", "desired"))
        for sample in Self.samples { #expect(!ByteOrder.precedes(sample, sample)) }
    }

    @Test func sortsPathsAsGitDoes() {
        // git ls-tree order: "a-b/x" < "a.json" < "a/x" (0x2D < 0x2E < 0x2F), upper case first.
        let paths = ["a/x", "a.json", "B", "a-b/x", "a"]
        #expect(paths.sorted(by: ByteOrder.precedes) == ["B", "a", "a-b/x", "a.json", "a/x"])
    }
}
