import Foundation
import Testing

@testable import Formats

/// Runs `JSONSchema` over JSON-Schema-Test-Suite's draft2020-12 files
/// (json-schema-org/JSON-Schema-Test-Suite, commit in `Fixtures/JSONSchemaTestSuite/SOURCE`).
///
/// Every case of every file runs, except the rows of `OUT_OF_SCOPE.md` (data, not code).
@Suite("JSONSchema against JSON-Schema-Test-Suite draft2020-12")
struct JSONSchemaSuiteTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/JSONSchemaTestSuite")

    static let fileNames: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".json") }
        .sorted()

    /// Where our expectation differs from the suite's, on purpose.
    ///
    /// `format` is an annotation by default in 2020-12, so the suite expects an invalid
    /// `email`, `uri` or `date-time` string to pass. For agentplane these three formats are
    /// assertions (issue 2), so those strings must fail.
    static let expectationOverrides: [SuiteCaseID: Bool] = [
        SuiteCaseID("format.json", "email format", "invalid email string is only an annotation by default"): false,
        SuiteCaseID("format.json", "uri format", "invalid uri string is only an annotation by default"): false,
        SuiteCaseID("format.json", "date-time format", "invalid date-time string is only an annotation by default"):
            false,
    ]

    /// At least this many cases must run (1,299 in the suite, 53 of them listed in OUT_OF_SCOPE.md).
    static let minimumCaseCount = 1_246

    @Test("every in-scope case of the file", arguments: fileNames)
    func file(_ name: String) throws {
        let exclusions = try SuiteExclusions.load(from: Self.directory.appendingPathComponent("OUT_OF_SCOPE.md"))
        let outcome = try Self.run(file: name, exclusions: exclusions)
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        if !exclusions.excludesWholeFile(name) {
            #expect(outcome.ran > 0, "no case of \(name) ran")
        }
    }

    @Test("case count, and every exclusion and override names a real case")
    func coverage() throws {
        let exclusions = try SuiteExclusions.load(from: Self.directory.appendingPathComponent("OUT_OF_SCOPE.md"))
        var ran = 0
        var excluded = 0
        var allCases = Set<SuiteCaseID>()
        for name in Self.fileNames {
            let outcome = try Self.run(file: name, exclusions: exclusions, evaluate: false)
            ran += outcome.ran
            excluded += outcome.excluded
            allCases.formUnion(outcome.cases)
        }
        print(
            "JSON-Schema-Test-Suite draft2020-12: \(ran) cases run, \(excluded) excluded, \(Self.fileNames.count) files"
        )
        #expect(Self.fileNames.count >= 40, "fixture files missing from \(Self.directory.path)")
        #expect(ran >= Self.minimumCaseCount, "only \(ran) cases ran")
        for row in exclusions.rows {
            #expect(allCases.contains(where: row.matches), "OUT_OF_SCOPE.md row matches no case: \(row)")
        }
        for id in Self.expectationOverrides.keys {
            #expect(allCases.contains(id), "override names no case: \(id)")
        }
    }

    // MARK: - Running a file

    struct Outcome {
        var ran = 0
        var excluded = 0
        var failures: [String] = []
        var cases: Set<SuiteCaseID> = []
    }

    static func run(file name: String, exclusions: SuiteExclusions, evaluate: Bool = true) throws -> Outcome {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        let root = try JSONReader.parse(bytes)
        var outcome = Outcome()
        for group in root.arrayValue ?? [] {
            let groupName = group["description"]?.stringValue ?? "?"
            let schemaNode = try #require(group["schema"])
            let cases = group["tests"]?.arrayValue ?? []
            let caseIDs = cases.map { SuiteCaseID(name, groupName, $0["description"]?.stringValue ?? "?") }
            outcome.cases.formUnion(caseIDs)
            let included = caseIDs.filter { !exclusions.excludes($0) }
            outcome.excluded += caseIDs.count - included.count
            guard !included.isEmpty else { continue }
            outcome.ran += included.count
            guard evaluate else { continue }
            let schema: JSONSchema
            do {
                schema = try JSONSchema(schemaNode)
            } catch {
                outcome.failures.append("\(name) / \(groupName): schema does not compile: \(error)")
                continue
            }
            for (testCase, id) in zip(cases, caseIDs) where !exclusions.excludes(id) {
                let data = try #require(testCase["data"])
                let suiteExpectation = try #require(testCase["valid"]?.boolValue as Bool?)
                let expected = expectationOverrides[id] ?? suiteExpectation
                let violations = schema.validate(data)
                let valid = schema.isValid(data)
                if valid != expected {
                    outcome.failures.append(
                        "\(name) / \(groupName) / \(id.testCase): expected \(expected ? "valid" : "invalid"), got "
                            + (valid ? "valid" : "invalid: \(violations.map(\.description))"))
                }
                if valid != violations.isEmpty {
                    outcome.failures.append(
                        "\(name) / \(groupName) / \(id.testCase): isValid says \(valid) but validate found \(violations.count) violations"
                    )
                }
            }
        }
        return outcome
    }
}

/// One case of the suite: file, group description, case description.
struct SuiteCaseID: Hashable, CustomStringConvertible {
    var file: String
    var group: String
    var testCase: String

    init(_ file: String, _ group: String, _ testCase: String) {
        self.file = file
        self.group = group
        self.testCase = testCase
    }

    var description: String { "\(file) / \(group) / \(testCase)" }
}

/// The rows of `OUT_OF_SCOPE.md`: `| file | group | case | reason |`, `*` matching anything.
struct SuiteExclusions {
    struct Row: CustomStringConvertible {
        var file: String
        var group: String
        var testCase: String
        var reason: String

        func matches(_ id: SuiteCaseID) -> Bool {
            file == id.file && (group == "*" || group == id.group) && (testCase == "*" || testCase == id.testCase)
        }

        var description: String { "\(file) | \(group) | \(testCase)" }
    }

    var rows: [Row]

    static func load(from url: URL) throws -> SuiteExclusions {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| ---") {
            let cells = line.dropFirst(2).dropLast(line.hasSuffix(" |") ? 2 : 0)
                .components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, cells[0] != "file" else { continue }
            rows.append(Row(file: cells[0], group: cells[1], testCase: cells[2], reason: cells[3]))
        }
        return SuiteExclusions(rows: rows)
    }

    func excludes(_ id: SuiteCaseID) -> Bool { rows.contains { $0.matches(id) } }

    func excludesWholeFile(_ file: String) -> Bool {
        rows.contains { $0.file == file && $0.group == "*" && $0.testCase == "*" }
    }
}
