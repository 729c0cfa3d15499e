import Foundation
import Testing

@testable import Formats

/// `pattern` and `patternProperties` regular expressions: ECMA-262 meaning, the built-in
/// automaton against ICU, and the ICU fallback.
@Suite("JSONSchema patterns (ECMA-262)")
struct JSONSchemaPatternTests {
    private func regex(_ pattern: String) throws -> SchemaRegex { try SchemaRegex(pattern) }

    @Test("ECMA-262 meanings where ICU's differ: \\d, \\w, \\s, $ and . are not Unicode-extended")
    func ecmaSemantics() throws {
        #expect(try !regex(#"^\d+$"#).matches("١٢٣"))  // Arabic-Indic digits are not \d in ECMA-262
        #expect(try regex(#"^\d+$"#).matches("123"))
        #expect(try !regex(#"^\w+$"#).matches("héllo"))
        #expect(try regex(#"^\s$"#).matches("\u{FEFF}"))
        #expect(try !regex("^abc$").matches("abc\n"))  // ICU's $ would match before the final newline
        #expect(try regex("^a.c$").matches("a\u{85}c"))  // NEL is not an ECMA line terminator
        #expect(try !regex("^a.c$").matches("a\u{2028}c"))
        #expect(try !regex("^a.c$").matches("a\nc"))
        for pattern in [#"^\d+$"#, #"^\w+$"#, "^abc$", "^a.c$"] {
            #expect(try !regex(pattern).usesICU, "\(pattern) should use the automaton")
        }
    }

    @Test("patterns are not anchored; code points, not UTF-16 units; Annex B literals")
    func matching() throws {
        #expect(try regex("es").matches("desk"))
        #expect(try !regex("^es").matches("desk"))
        #expect(try regex("^.$").matches("😀"))
        #expect(try regex("^[😀-😂]+$").matches("😀😁😂"))
        #expect(try regex(#"^\uD83D\uDE00$"#).matches("😀"))
        #expect(try regex("^a{2,3}$").matches("aaa"))
        #expect(try !regex("^a{2,3}$").matches("aaaa"))
        #expect(try regex("^a{2,}$").matches("aaaaaaa"))
        #expect(try regex("^(?:ab)+?c$").matches("ababc"))
        #expect(try regex("^a{$").matches("a{"))  // `{` that is no quantifier is literal
        #expect(try regex("^x{1,2$").matches("x{1,2"))
        #expect(try !regex("a[]").matches("a"))  // `[]` matches nothing
        #expect(try regex("^a[^]$").matches("a\n"))  // `[^]` matches anything
        #expect(try regex(#"^[\w-]+$"#).matches("a-b_c"))
        #expect(try regex(#"^[\d-z]+$"#).matches("1-z"))  // class escape in a range: `-` is literal
        #expect(try regex(#"^\x41\u0042\cJ$"#).matches("AB\n"))
        #expect(try regex("^(?<year>[0-9]{4})-(a|b|)$").matches("2025-"))
        #expect(try regex("(|a)*$").matches("b"))  // empty loops terminate
        #expect(try regex("").matches(""))
    }

    @Test("constructs the automaton leaves to ICU still work")
    func fallback() throws {
        let cases: [(pattern: String, matching: String, failing: String)] = [
            (#"\bfoo\b"#, "a foo b", "afoob"),
            ("^(?!admin$)[a-z]+$", "alice", "admin"),
            (#"^(a)\1$"#, "aa", "ab"),
            (#"^\p{Lu}"#, "Émile", "émile"),
            ("(?<=x)y", "xy", "zy"),
        ]
        for c in cases {
            let compiled = try regex(c.pattern)
            #expect(compiled.usesICU, "\(c.pattern)")
            #expect(compiled.matches(c.matching), "\(c.pattern) should match \(c.matching)")
            #expect(!compiled.matches(c.failing), "\(c.pattern) should not match \(c.failing)")
        }
    }

    /// Patterns from real schemas (DNS names, quantities, images, env names, dates) and
    /// strings around their edges.
    static let patterns = [
        "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
        #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#,
        #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"#,
        #"^[0-9]+(\.[0-9]+)?m?$"#,
        #"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$"#,
        "^[A-Za-z_][A-Za-z0-9_]*$",
        #"^[^\s@]+@[^\s@]+\.[a-z]{2,}$"#,
        "^(\\d{4})-(\\d{2})-(\\d{2})$",
        "^[a-z]{1,63}$",
        "ab|cd|^ef",
        "^(a|ab)(c|bcd)(d*)$",
        "x*y+z?",
        "[^a-c]{2}",
        "^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$",
        #"^sha256:[0-9a-f]{64}$"#,
        "colou?r",
        "^$",
    ]

    static let inputs = [
        "", "a", "web", "web-1", "-web", "web-", "Web", "a.b", "a..b", "a.b-c.d", "example.com/app",
        "example.com/", "x/y/z", "500m", "0.5", "1.", "2Gi", "2Gb", "GREETING", "_x", "9x", "a@b.io", "a@b",
        "2025-01-31", "2025-1-31", String(repeating: "a", count: 63), String(repeating: "a", count: 64), "ab",
        "cd", "ef", "xef", "abcd", "abcdd", "xxyz", "yy", "abc", "de", "00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d",
        "sha256:" + String(repeating: "0", count: 64), "color", "colour", "colouur", "ünïcødé", "😀", "a\nb",
    ]

    @Test("the automaton agrees with ICU on real-world patterns", arguments: patterns)
    func agreesWithICU(_ pattern: String) throws {
        let ours = try regex(pattern)
        #expect(!ours.usesICU)
        let icu = try NSRegularExpression(pattern: SchemaRegex.translate(pattern))
        for input in Self.inputs {
            let expected = icu.firstMatch(in: input, range: NSRange(location: 0, length: input.utf16.count)) != nil
            #expect(ours.matches(input) == expected, "\(pattern) on \(input.debugDescription)")
        }
    }

    @Test("an invalid pattern is a compile error, wherever it is")
    func invalid() throws {
        for schema in [#"{"pattern": "(a"}"#, #"{"patternProperties": {"[z-a]": {}}}"#, #"{"pattern": "*a"}"#] {
            let node = try JSONReader.parse(schema)
            #expect(throws: SchemaCompileError.self, "\(schema)") { try JSONSchema(node) }
        }
    }
}
