import PlaneModel
import Rendering
import Testing

/// Values reach the container byte for byte: escaped lines are read back through a model of
/// Quadlet's parser, Quadlet's re-quoting and systemd's `ExecStart=` rules.
@Suite struct QuadletEscapingTests {
    let site = ValueSite(pod: "p", pointer: "/spec/containers/0/env/0/value")

    @Test func specifiersAndDollarsAreDoubledAndSpecialWordsQuoted() throws {
        #expect(try UnitValueEscaping.word("%h", at: site) == "%%h")
        #expect(try UnitValueEscaping.word("$HOME", at: site) == "$$HOME")
        #expect(try UnitValueEscaping.word("${X}", at: site) == "$${X}")
        #expect(try UnitValueEscaping.word("a b", at: site) == #""a b""#)
        #expect(try UnitValueEscaping.word(#"""#, at: site) == #""\"""#)
        #expect(try UnitValueEscaping.word("'", at: site) == #""'""#)
        #expect(try UnitValueEscaping.word(#"\"#, at: site) == #""\\""#)
        #expect(try UnitValueEscaping.word("a;b", at: site) == "a;b")
        #expect(try UnitValueEscaping.word("é 世界", at: site) == "\"é 世界\"")
        #expect(try UnitValueEscaping.verbatim("/a b/%i/$X", at: site) == "/a b/%%i/$$X")
        #expect(try UnitValueEscaping.jsonArray(["sh", "-c", #"echo "$1" \"#], at: site) == #"["sh","-c","echo \"$$1\" \\"]"#)
    }

    @Test(arguments: QuadletFixtures.hostileValues)
    func environmentValueSurvivesQuadletAndSystemd(_ value: String) throws {
        let line = "Environment=" + (try UnitValueEscaping.word("V=" + value, at: site))
        #expect(try CommandLineEmulation.podmanWords(fromSplitLine: line) == ["V=" + value], "line: \(line)")
    }

    @Test(arguments: QuadletFixtures.hostileValues.filter { $0 != ";" })
    func execArgumentSurvivesQuadletAndSystemd(_ value: String) throws {
        let words = ["--before", value, "--after"]
        let line = "Exec=" + (try UnitValueEscaping.words(words, at: site))
        #expect(try CommandLineEmulation.podmanWords(fromSplitLine: line) == words, "line: \(line)")
    }

    @Test func allHostileArgumentsSurviveOnOneExecLine() throws {
        let words = QuadletFixtures.hostileValues.filter { $0 != ";" }
        let line = "Exec=" + (try UnitValueEscaping.words(words, at: site))
        #expect(try CommandLineEmulation.podmanWords(fromSplitLine: line) == words)
    }

    @Test(arguments: QuadletFixtures.hostileValues.filter(verbatimCarries))
    func verbatimValueSurvivesQuadletAndSystemd(_ value: String) throws {
        let line = "WorkingDir=" + (try UnitValueEscaping.verbatim(value, at: site))
        #expect(try CommandLineEmulation.podmanArgument(fromVerbatimLine: line) == value, "line: \(line)")
    }

    /// Plain values are returned as they are, without the byte-by-byte pass: every printable
    /// ASCII character, alone and inside a word, must still reach the container unchanged.
    @Test func everyPrintableASCIICharacterSurvivesAsAWordAndVerbatim() throws {
        for code in UInt8(0x20)...UInt8(0x7E) {
            let character = String(UnicodeScalar(code))
            for value in [character, "a" + character + "b", character + character + "x"] where value != ";" {
                let word = "Environment=" + (try UnitValueEscaping.word("V=" + value, at: site))
                #expect(try CommandLineEmulation.podmanWords(fromSplitLine: word) == ["V=" + value], "line: \(word)")
                let exec = "Exec=" + (try UnitValueEscaping.word(value, at: site))
                #expect(try CommandLineEmulation.podmanWords(fromSplitLine: exec) == [value], "line: \(exec)")
                if Self.verbatimCarries(value) {
                    let line = "WorkingDir=" + (try UnitValueEscaping.verbatim(value, at: site))
                    #expect(try CommandLineEmulation.podmanArgument(fromVerbatimLine: line) == value, "line: \(line)")
                }
            }
        }
        // What needs no escaping is written as it is.
        #expect(try UnitValueEscaping.word("ghcr.io/acme/agent:1.2@sha256:abc", at: site) == "ghcr.io/acme/agent:1.2@sha256:abc")
        #expect(try UnitValueEscaping.verbatim("/var/lib/agent-data", at: site) == "/var/lib/agent-data")
    }

    /// The JSON entrypoint carries every value, a lone `;` and surrounding spaces included.
    @Test func jsonEntrypointCarriesEveryHostileValue() throws {
        let line = "Entrypoint=" + (try UnitValueEscaping.jsonArray(QuadletFixtures.hostileValues, at: site))
        let argument = try CommandLineEmulation.podmanArgument(fromVerbatimLine: line)
        #expect(try JSONStringArray.decode(argument) == QuadletFixtures.hostileValues)
    }

    @Test(arguments: ["a\nb", "tab\there", "nul\u{0}", "bell\u{07}", "del\u{7F}", "c1\u{85}", "c1\u{9F}", "cr\r"])
    func controlCharactersAreRefusedEverywhere(_ value: String) {
        #expect(throws: RenderError.self) { try UnitValueEscaping.word(value, at: site) }
        #expect(throws: RenderError.self) { try UnitValueEscaping.verbatim(value, at: site) }
        #expect(throws: RenderError.self) { try UnitValueEscaping.jsonArray([value], at: site) }
    }

    @Test func aLoneSemicolonOrAnEmptyWordIsRefusedAsAWord() {
        #expect(throws: RenderError.self) { try UnitValueEscaping.word(";", at: site) }
        #expect(throws: RenderError.self) { try UnitValueEscaping.word("", at: site) }
        #expect(throws: RenderError.self) { try UnitValueEscaping.verbatim(";", at: site) }
    }

    @Test(arguments: [" lead", "trail ", "\u{00A0}nbsp", "\"q", "q\"", "ends\\", ""])
    func verbatimRefusesWhatQuadletWouldTrim(_ value: String) {
        #expect(throws: RenderError.self) { try UnitValueEscaping.verbatim(value, at: site) }
    }

    @Test func refusalNamesThePodPointerAndReason() {
        do {
            _ = try UnitValueEscaping.word("a\nb", at: site)
            Issue.record("a newline was accepted")
        } catch {
            #expect(error.description == #"pod p: /spec/containers/0/env/0/value: value "a\u{a}b" cannot be rendered: it contains the control character U+000A"#)
        }
    }

    /// The emulation itself is strict: unescaped values would be changed, so it must reject them.
    @Test func emulationCatchesUnescapedValues() throws {
        #expect(throws: (any Error).self) { try CommandLineEmulation.podmanWords(fromSplitLine: "Environment=V=%h") }
        #expect(throws: (any Error).self) { try CommandLineEmulation.podmanWords(fromSplitLine: "Environment=V=$HOME") }
        #expect(throws: (any Error).self) { try CommandLineEmulation.podmanWords(fromSplitLine: "Exec=a ; b") }
        #expect(throws: (any Error).self) { try CommandLineEmulation.podmanWords(fromSplitLine: "Exec=a \\") }
        #expect(try CommandLineEmulation.podmanWords(fromSplitLine: "Environment=V=a b") == ["V=a", "b"])
    }

    static func verbatimCarries(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
        return value != ";" && !first.properties.isWhitespace && !last.properties.isWhitespace
            && first != "\"" && last != "\"" && last != "\\"
    }
}

/// Decodes a JSON array of strings the way Podman's `--entrypoint` does (only what
/// `UnitValueEscaping.jsonArray` writes: `\"` and `\\` escapes).
enum JSONStringArray {
    struct Malformed: Error {}

    static func decode(_ text: String) throws -> [String] {
        var scalars = Array(text.unicodeScalars)[...]
        guard scalars.popFirst() == "[", scalars.popLast() == "]" else { throw Malformed() }
        var result: [String] = []
        while !scalars.isEmpty {
            guard scalars.popFirst() == "\"" else { throw Malformed() }
            var value = String.UnicodeScalarView()
            while true {
                guard let scalar = scalars.popFirst() else { throw Malformed() }
                if scalar == "\"" { break }
                if scalar == "\\" {
                    guard let escaped = scalars.popFirst(), escaped == "\"" || escaped == "\\" else { throw Malformed() }
                    value.append(escaped)
                } else {
                    value.append(scalar)
                }
            }
            result.append(String(value))
            if let next = scalars.first {
                guard next == "," else { throw Malformed() }
                scalars.removeFirst()
            }
        }
        return result
    }
}
