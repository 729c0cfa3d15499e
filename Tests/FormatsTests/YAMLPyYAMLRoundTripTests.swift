import Foundation
import Testing

@testable import Formats

/// Proof that the YAML writer is read back exactly: thousands of generated strings (mixes of
/// every dangerous fragment, ASCII, Unicode, control characters, spaces and line breaks) and
/// random nested values are written once as a multi-document stream, once as one big sequence
/// and once as mapping keys; one Python process loads them with PyYAML's `safe_load` and
/// compares them with the same values written as JSON. Zero mismatches allowed.
@Suite("YAML writer: PyYAML reads back every value")
struct YAMLPyYAMLRoundTripTests {
    static let seed: UInt64 = 0x59A4_1E57

    @Test("PyYAML safe_load equals the JSON value for ≥ 6,000 generated strings and 1,500 nested values")
    func pyyamlRoundTrip() throws {
        var generator = ValueGenerator(seed: YAMLPyYAMLRoundTripTests.seed)
        var strings = ValueGenerator.fragments
        strings += (0..<6_000).map { _ in generator.string() }
        strings += [String(repeating: "long key ", count: 150), String(repeating: "é: #", count: 300)]
        let nested = (0..<1_500).map { _ in generator.value(depth: 0) }
        let values = strings.map { JSONValue.string($0) } + nested

        var keyed = JSONObject()
        for (index, key) in strings.enumerated() {
            keyed.set(JSONMember(key: key, keyPosition: YAMLFixture.origin, value: JSONNode(.number(JSONNumber(index)))))
        }

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentplane-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [(String, String)] = [
            ("documents.yaml", YAMLWriter.writeDocuments(values)),
            ("sequence.yaml", YAMLWriter.write(.array(values.map { JSONNode($0) }))),
            ("keys.yaml", YAMLWriter.write(.object(keyed))),
            ("values.json", JSONText.encode(.array(values.map { JSONNode($0) }))),
            ("keys.json", JSONText.encode(.object(keyed))),
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }

        let result = try runPython(
            script: YAMLPyYAMLRoundTripTests.compareScript, arguments: [directory.path], directory: directory)
        try #require(
            !result.stdout.contains("NO_PYYAML"),
            "PyYAML is not importable by \(result.python): run `make test` (it installs PyYAML into the test venv)")
        #expect(result.status == 0, "python failed:\n\(result.stderr)\n\(result.stdout)")
        let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let expectedCount = 2 * values.count + 1
        #expect(summary == "checked \(expectedCount) values, 0 mismatches", "\(result.stdout.prefix(20_000))")
    }

    /// Loads the three YAML files and compares them with the JSON files: same types (bool is
    /// not int, int is not float), same strings, same member order. Prints each mismatch.
    static let compareScript = """
        import json, math, os, sys
        try:
            import yaml
        except ImportError as error:
            print("NO_PYYAML", error)
            sys.exit(3)
        directory = sys.argv[1]
        def text(name):
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                return handle.read()
        def diff(got, want, path):
            if type(got) is not type(want):
                return "%s: type %s != %s: %r != %r" % (path, type(got).__name__, type(want).__name__, got, want)
            if isinstance(want, float):
                if got == want or (math.isnan(got) and math.isnan(want)):
                    return None
                return "%s: %r != %r" % (path, got, want)
            if isinstance(want, list):
                if len(got) != len(want):
                    return "%s: length %d != %d" % (path, len(got), len(want))
                for i, (g, w) in enumerate(zip(got, want)):
                    d = diff(g, w, "%s[%d]" % (path, i))
                    if d: return d
                return None
            if isinstance(want, dict):
                if list(got.keys()) != list(want.keys()):
                    return "%s: keys %r != %r" % (path, list(got.keys()), list(want.keys()))
                for k in want:
                    d = diff(got[k], want[k], "%s[%r]" % (path, k))
                    if d: return d
                return None
            return None if got == want else "%s: %r != %r" % (path, got, want)
        values = json.loads(text("values.json"))
        documents = list(yaml.safe_load_all(text("documents.yaml")))
        sequence = yaml.safe_load(text("sequence.yaml"))
        keys = yaml.safe_load(text("keys.yaml"))
        mismatches = 0
        checked = 0
        if len(documents) != len(values):
            print("documents: %d documents, expected %d" % (len(documents), len(values)))
            mismatches += 1
        for label, loaded in (("documents", documents), ("sequence", sequence)):
            for i, want in enumerate(values):
                checked += 1
                got = loaded[i] if isinstance(loaded, list) and i < len(loaded) else "<missing>"
                d = diff(got, want, "%s[%d]" % (label, i))
                if d:
                    mismatches += 1
                    if mismatches <= 50: print("MISMATCH", d)
        checked += 1
        d = diff(keys, json.loads(text("keys.json")), "keys")
        if d:
            mismatches += 1
            print("MISMATCH", d)
        print("checked %d values, %d mismatches" % (checked, mismatches))
        sys.exit(1 if mismatches else 0)
        """

    // MARK: - Running Python

    struct PythonResult {
        var python: String
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `$AGENTPLANE_TEST_PYTHON` (set by `make test` to the venv with PyYAML), or
    /// `python3` from PATH, with `-c script`; its output goes to files in `directory`.
    func runPython(script: String, arguments: [String], directory: URL) throws -> PythonResult {
        let python = ProcessInfo.processInfo.environment["AGENTPLANE_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        let outURL = directory.appendingPathComponent("python.out")
        let errURL = directory.appendingPathComponent("python.err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script] + arguments
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        let result = PythonResult(
            python: python,
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
        try #require(
            result.status != 127,
            "\(python) was not found: run `make test` (it creates the test venv with PyYAML)")
        return result
    }
}

// MARK: - Generated values

/// Random strings and nested values built from a fixed seed (SplitMix64), so a failure reproduces.
private struct ValueGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Whole strings and pieces that a careless writer gets wrong.
    static let fragments: [String] = [
        "", " ", "  ", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "Yes", "NO", "on", "On", "OFF",
        "y", "Y", "n", "N", "0", "-0", "1", "+1", "-1", "007", "1.0", "1e3", "1E3", "1e+3", ".5", "-.5", "+.5",
        "0x1F", "0o7", "0b101", "1_000", "1:30", "12:30:00", ".inf", "-.inf", "+.INF", ".NaN", ".nan", "1.2.3",
        "2024-01-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "<<", "=", ": ", ":", " #",
        "#", "-", "- ", "?", "? ", ",", "[", "]", "{", "}", "&a", "*a", "!tag", "!!str", "|", ">", "'", "\"", "%",
        "@", "`", "---", "...", "--- x", "key: value", "a #b", "\t", "\n", "\n\n", "\r", "\r\n", "\u{0}", "\u{7}",
        "\u{8}", "\u{B}", "\u{C}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}",
        "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{E000}", "\u{10FFFF}", "é", "日本語", "🎉",
        "\\", "\\n", "\\\"", "%TAG", "@x", "`cmd`", "http://x/#y", "a:b", "--port=80", "10Gi", "500m", "- - a",
    ]

    static let asciiPrintable: [Character] = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }

    static let unicodeRanges: [ClosedRange<UInt32>] = [
        0x00...0x1F, 0x7F...0x9F, 0xA0...0x2FF, 0x370...0x3FF, 0x2000...0x206F, 0x3000...0x30FF,
        0xD7F0...0xD7FF, 0xE000...0xE010, 0xFEF0...0xFFFF, 0x1F300...0x1F6FF, 0x10FFF0...0x10FFFF,
    ]

    mutating func scalar() -> Character {
        let range = pick(Self.unicodeRanges)
        let value = range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1))
        return Character(Unicode.Scalar(value) ?? "?")
    }

    mutating func string() -> String {
        switch below(10) {
        case 0, 1:
            return pick(Self.fragments)
        case 2:
            // A fragment with a little padding or a suffix.
            return pick(["", " ", "x", "\n"]) + pick(Self.fragments) + pick(["", " ", "x", "\n", ":"])
        case 3:
            return multiline()
        default:
            var out = ""
            for _ in 0..<(1 + below(6)) {
                switch below(5) {
                case 0, 1: out += pick(Self.fragments)
                case 2: out += String((0..<(1 + below(6))).map { _ in pick(Self.asciiPrintable) })
                case 3: out.append(scalar())
                default: out += pick([" ", "\n", "\t", "  ", "\n\n", ": ", " #", "'", "\"", "\\"])
                }
            }
            return out
        }
    }

    /// Text with several lines: indented lines, blank lines, trailing spaces or newlines.
    mutating func multiline() -> String {
        var lines: [String] = []
        for _ in 0..<(1 + below(5)) {
            var line = String(repeating: " ", count: below(3) == 0 ? below(4) : 0)
            line += String((0..<below(12)).map { _ in pick(Self.asciiPrintable) })
            if below(6) == 0 { line.append(scalar()) }
            if below(5) == 0 { line += " " }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + pick(["", "", "\n", "\n\n"])
    }

    mutating func number() -> JSONNumber {
        let integer = String(below(2) == 0 ? below(1000) : Int(truncatingIfNeeded: next() >> 1))
        let literal: String
        switch below(8) {
        case 0: literal = integer
        case 1: literal = "-" + integer
        case 2: literal = integer + "." + String(below(100_000))
        case 3: literal = integer + "e" + String(below(30))
        case 4: literal = "-" + String(below(10)) + "." + String(below(1000)) + "E-" + String(below(30))
        case 5: literal = String(below(10)) + "e+" + String(below(300))
        case 6: literal = "123456789012345678901234567890" + String(below(10))
        default: literal = pick(["0", "-0", "0.0", "-0.0", "1.5", "1E5", "2.5e-3", "1e-7"])
        }
        return JSONNumber(literal: literal, double: Double(literal) ?? 0)
    }

    mutating func value(depth: Int) -> JSONValue {
        let roll = below(20)
        if depth >= 4 || roll < 8 { return .string(string()) }
        switch roll {
        case 8, 9, 10: return .number(number())
        case 11: return .bool(below(2) == 0)
        case 12: return .null
        case 13, 14, 15:
            return .array((0..<below(5)).map { _ in JSONNode(value(depth: depth + 1)) })
        default:
            var object = JSONObject()
            for _ in 0..<below(5) {
                object.set(JSONMember(key: string(), keyPosition: YAMLFixture.origin, value: JSONNode(value(depth: depth + 1))))
            }
            return .object(object)
        }
    }
}

/// A minimal JSON encoder for the reference file (control characters escaped, the rest raw UTF-8).
private enum JSONText {
    static func encode(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += number.literal
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item.value, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value.value, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
