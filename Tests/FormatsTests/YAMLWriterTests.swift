import Testing

@testable import Formats

/// The exact text the YAML writer produces: layout, quoting of every tricky kind of string,
/// numbers and multi-document output. `YAMLPyYAMLRoundTripTests` proves the same rules with
/// PyYAML over thousands of generated values.
@Suite("YAML writer: exact output")
struct YAMLWriterTests {
    // MARK: - Layout

    @Test("a manifest is written in kubectl's block layout, members in the order given")
    func manifestLayout() {
        let manifest = YAMLFixture.object([
            ("apiVersion", .string("apps/v1")),
            ("kind", .string("Deployment")),
            ("metadata", YAMLFixture.object([
                ("name", .string("web")),
                ("labels", YAMLFixture.object([("zeta", .string("1.0")), ("alpha", .string("on"))])),
                ("annotations", YAMLFixture.object([])),
            ])),
            ("spec", YAMLFixture.object([
                ("replicas", .number(JSONNumber(2))),
                ("paused", .bool(false)),
                ("selector", .null),
                ("containers", YAMLFixture.array([
                    YAMLFixture.object([
                        ("name", .string("app")),
                        ("image", .string("docker.io/library/busybox:1.36")),
                        ("args", YAMLFixture.array([.string("sleep"), .string("3600")])),
                        ("env", YAMLFixture.array([])),
                        ("resources", YAMLFixture.object([
                            ("limits", YAMLFixture.object([("cpu", .string("500m")), ("memory", .string("512Mi"))]))
                        ])),
                    ]),
                    YAMLFixture.object([]),
                ])),
                ("matrix", YAMLFixture.array([
                    YAMLFixture.array([.string("a"), .string("b")]),
                    YAMLFixture.array([]),
                    YAMLFixture.array([YAMLFixture.array([.number(JSONNumber(1))])]),
                ])),
            ])),
        ])
        let expected = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                zeta: '1.0'
                alpha: 'on'
              annotations: {}
            spec:
              replicas: 2
              paused: false
              selector: null
              containers:
              - name: app
                image: docker.io/library/busybox:1.36
                args:
                - sleep
                - '3600'
                env: []
                resources:
                  limits:
                    cpu: 500m
                    memory: 512Mi
              - {}
              matrix:
              - - a
                - b
              - []
              - - - 1

            """
        #expect(YAMLWriter.write(manifest) == expected)
    }

    @Test("top-level empty collections, scalars and sequences")
    func topLevelValues() {
        #expect(YAMLWriter.write(YAMLFixture.object([])) == "{}\n")
        #expect(YAMLWriter.write(YAMLFixture.array([])) == "[]\n")
        #expect(YAMLWriter.write(.null) == "null\n")
        #expect(YAMLWriter.write(.bool(true)) == "true\n")
        #expect(YAMLWriter.write(.string("plain")) == "plain\n")
        #expect(
            YAMLWriter.write(YAMLFixture.array([YAMLFixture.object([("a", .number(JSONNumber(1))), ("b", .null)]), .string("x")]))
                == "- a: 1\n  b: null\n- x\n")
    }

    @Test("keys are quoted by the same rules as values")
    func keys() {
        let value = YAMLFixture.object([
            ("on", .string("v")),
            ("", .string("v")),
            ("123", .string("v")),
            ("a: b", .string("v")),
            ("line\nbreak", .string("v")),
            ("it's", .string("v")),
            ("-flag", .string("v")),
        ])
        #expect(
            YAMLWriter.write(value) == """
                'on': v
                '': v
                '123': v
                'a: b': v
                "line\\nbreak": v
                it's: v
                '-flag': v

                """)
    }

    @Test("a key longer than 1000 bytes uses the explicit ? form")
    func longKey() {
        let key = String(repeating: "k", count: 1001)
        let value = YAMLFixture.object([
            (key, .string("v")),
            (key + "s", YAMLFixture.array([.string("x")])),
            (key + "m", YAMLFixture.object([("a", .string("b"))])),
        ])
        #expect(
            YAMLWriter.write(value) == """
                ? \(key)
                : v
                ? \(key)s
                :
                  - x
                ? \(key)m
                :
                  a: b

                """)
    }

    // MARK: - Strings

    @Test("strings are plain, single- or double-quoted as needed", arguments: YAMLWriterTests.scalarCases)
    func scalar(_ testCase: ScalarCase) {
        #expect(YAMLWriter.write(.string(testCase.input)) == testCase.expected + "\n")
    }

    @Test("multi-line text: a | block when it round-trips exactly, else double-quoted", arguments: YAMLWriterTests.multilineCases)
    func multiline(_ testCase: ScalarCase) {
        #expect(YAMLWriter.write(.string(testCase.input)) == testCase.expected)
    }

    @Test("a block scalar is indented under its key and its sequence item")
    func blockIndentation() {
        let value = YAMLFixture.object([
            ("script", .string("#!/bin/sh\necho hi\n")),
            ("items", YAMLFixture.array([.string("a\nb"), YAMLFixture.object([("k", .string("c\n  d"))])])),
        ])
        #expect(
            YAMLWriter.write(value) == """
                script: |
                  #!/bin/sh
                  echo hi
                items:
                - |-
                  a
                  b
                - k: |-
                    c
                      d

                """)
    }

    // MARK: - Numbers

    @Test("numbers keep their literal; exponents get a fraction and a sign for YAML 1.1", arguments: [
        ("0", "0"), ("-0", "-0"), ("42", "42"), ("-17", "-17"), ("1.5", "1.5"), ("-0.25", "-0.25"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("1e5", "1.0e+5"), ("1E5", "1.0E+5"), ("-2E-3", "-2.0E-3"), ("1.5e10", "1.5e+10"), ("2.5e+7", "2.5e+7"),
        ("6.02E23", "6.02E+23"),
    ])
    func numberLiterals(literal: String, expected: String) {
        let number = JSONNumber(literal: literal, double: Double(literal) ?? 0)
        #expect(YAMLWriter.write(.number(number)) == expected + "\n")
    }

    @Test("numbers built in code: non-finite values and invalid literals")
    func numbersFromDoubles() {
        #expect(YAMLWriter.write(.number(JSONNumber(Double.nan))) == ".nan\n")
        #expect(YAMLWriter.write(.number(JSONNumber(Double.infinity))) == ".inf\n")
        #expect(YAMLWriter.write(.number(JSONNumber(-Double.infinity))) == "-.inf\n")
        #expect(YAMLWriter.write(.number(JSONNumber(literal: "not a number", double: 2.5))) == "2.5\n")
        #expect(YAMLWriter.write(.number(JSONNumber(literal: "x", double: 1e-5))) == "1.0e-05\n")
        #expect(YAMLWriter.write(.number(JSONNumber(0.1))) == "0.1\n")
    }

    // MARK: - Documents

    @Test("documents are separated by --- lines; one document equals write; none is empty")
    func documents() {
        #expect(YAMLWriter.writeDocuments([JSONValue]()) == "")
        let one = YAMLFixture.object([("a", .string("b"))])
        #expect(YAMLWriter.writeDocuments([one]) == YAMLWriter.write(one))
        #expect(
            YAMLWriter.writeDocuments([one, .string("two\nlines"), YAMLFixture.array([]), .string("---")])
                == "a: b\n---\n|-\n  two\n  lines\n---\n[]\n---\n'---'\n")
    }

    @Test("the same value gives the same bytes every time")
    func deterministic() {
        let value = YAMLFixture.object((0..<50).map { ("key\($0)", .string("value \($0)")) })
        let first = YAMLWriter.write(value)
        for _ in 0..<5 { #expect(YAMLWriter.write(value) == first) }
        #expect(first.hasPrefix("key0: value 0\nkey1: value 1\nkey2: value 2\n"))
    }

    // MARK: - Cases

    struct ScalarCase: Sendable, CustomTestStringConvertible {
        var input: String
        var expected: String
        var testDescription: String { "\(input.debugDescription) → \(expected)" }
    }

    static let scalarCases: [ScalarCase] = [
        // Plain.
        ("hello", "hello"), ("hello world", "hello world"), ("10Gi", "10Gi"), ("500m", "500m"),
        ("v1.2.3", "v1.2.3"), ("a:b", "a:b"), ("a#b", "a#b"), ("it's", "it's"), ("say \"hi\"", "say \"hi\""),
        ("back\\slash", "back\\slash"), ("http://example.com/x#frag", "http://example.com/x#frag"),
        ("é日本語🎉", "é日本語🎉"), ("trueish", "trueish"), ("nullable", "nullable"), ("deadbeef", "deadbeef"),
        ("x-1", "x-1"), ("a - b", "a - b"), ("~home", "~home"),
        // Empty, null, booleans (YAML 1.1 forms included, any case).
        ("", "''"), ("~", "'~'"), ("null", "'null'"), ("Null", "'Null'"), ("NULL", "'NULL'"),
        ("true", "'true'"), ("False", "'False'"), ("tRuE", "'tRuE'"), ("yes", "'yes'"), ("No", "'No'"),
        ("ON", "'ON'"), ("off", "'off'"), ("y", "'y'"), ("N", "'N'"),
        // Numbers in YAML 1.1 and 1.2.
        ("0", "'0'"), ("123", "'123'"), ("-1", "'-1'"), ("+1", "'+1'"), ("1.0", "'1.0'"), ("1e3", "'1e3'"),
        (".5", "'.5'"), ("+.5", "'+.5'"), ("0x1F", "'0x1F'"), ("0o7", "'0o7'"), ("0b1010", "'0b1010'"),
        ("007", "'007'"), ("1_000", "'1_000'"), ("12:30:00", "'12:30:00'"), (".inf", "'.inf'"),
        ("-.Inf", "'-.Inf'"), ("+.INF", "'+.INF'"), (".NaN", "'.NaN'"), ("1.2.3", "'1.2.3'"),
        // Timestamps.
        ("2024-01-01", "'2024-01-01'"), ("2001-12-14t21:59:43.10-05:00", "'2001-12-14t21:59:43.10-05:00'"),
        ("2001-12-14 21:59:43.10 -5", "'2001-12-14 21:59:43.10 -5'"),
        // Spaces, comments, mapping indicators.
        (" lead", "' lead'"), ("trail ", "'trail '"), (" ", "' '"), ("a: b", "'a: b'"), ("a #b", "'a #b'"),
        ("key:", "'key:'"), ("<<", "'<<'"), ("=", "'='"), ("...", "'...'"), ("...x", "'...x'"), ("---", "'---'"),
        // Every leading indicator.
        ("-x", "'-x'"), ("- x", "'- x'"), ("?x", "'?x'"), (":x", "':x'"), (",x", "',x'"), ("[x", "'[x'"),
        ("]x", "']x'"), ("{x", "'{x'"), ("}x", "'}x'"), ("#x", "'#x'"), ("&x", "'&x'"), ("*x", "'*x'"),
        ("!x", "'!x'"), ("|x", "'|x'"), (">x", "'>x'"), ("\"x", "'\"x'"), ("%x", "'%x'"), ("@x", "'@x'"),
        ("`x", "'`x'"),
        // An apostrophe in a string that needs quotes: double quotes read better than ''.
        ("'x", "\"'x\""), ("'quoted'", "\"'quoted'\""), ("it's: ok", "\"it's: ok\""),
        // Tabs, control characters, line breaks other than \n, BOM, non-characters: escaped.
        ("tab\there", "\"tab\\there\""), ("\t", "\"\\t\""), ("nul\u{0}", "\"nul\\0\""),
        ("\u{7}\u{8}\u{B}\u{C}\u{1B}", "\"\\a\\b\\v\\f\\e\""), ("\u{1}\u{1F}\u{7F}", "\"\\x01\\x1F\\x7F\""),
        ("cr\r", "\"cr\\r\""), ("crlf\r\nx", "\"crlf\\r\\nx\""), ("nel\u{85}", "\"nel\\N\""),
        ("ls\u{2028}ps\u{2029}", "\"ls\\Lps\\P\""), ("\u{FEFF}bom", "\"\\uFEFFbom\""), ("c1\u{80}\u{9F}", "\"c1\\x80\\x9F\""),
        ("\u{FFFE}\u{FFFF}", "\"\\uFFFE\\uFFFF\""), ("q\"b\\\t", "\"q\\\"b\\\\\\t\""), ("é\t🎉", "\"é\\t🎉\""),
    ].map { ScalarCase(input: $0.0, expected: $0.1) }

    static let multilineCases: [ScalarCase] = [
        ("line1\nline2", "|-\n  line1\n  line2\n"),
        ("line1\nline2\n", "|\n  line1\n  line2\n"),
        ("a\n  b\n\nc", "|-\n  a\n    b\n\n  c\n"),
        ("trailing \nspaces  ", "|-\n  trailing \n  spaces  \n"),
        ("# not a comment\n- not a list", "|-\n  # not a comment\n  - not a list\n"),
        ("two\n\n", "\"two\\n\\n\"\n"),
        ("\n", "\"\\n\"\n"),
        ("\nfirst line empty", "\"\\nfirst line empty\"\n"),
        (" leading space\nx", "\" leading space\\nx\"\n"),
        ("tab\tinside\nx", "\"tab\\tinside\\nx\"\n"),
        ("cr\r\nlf", "\"cr\\r\\nlf\"\n"),
    ].map { ScalarCase(input: $0.0, expected: $0.1) }
}

/// Builders for JSON values in YAML tests.
enum YAMLFixture {
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONMember(key: $0.0, keyPosition: origin, value: JSONNode($0.1)) }))
    }

    static func array(_ items: [JSONValue]) -> JSONValue {
        .array(items.map { JSONNode($0) })
    }

    static let origin = TextPosition(line: 0, column: 0, offset: 0)
}
