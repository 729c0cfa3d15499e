import Foundation
import Formats
import Testing

/// The JSON Schemas in `schemas/` against an outside reference: Python `jsonschema` checks each
/// schema (`Draft202012Validator.check_schema`), and both it and our `JSONSchema` validate a
/// corpus of good and bad documents (`Fixtures/corpus/<kind>-<good|bad>-<what>.json`) plus the
/// repository's example state. They must agree on every document, and agree with its name.
@Suite struct SchemaCorpusTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemasDirectory = root.appendingPathComponent("schemas")
    static let corpusDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/corpus")
    static let kinds = ["agentpod", "bundle", "profile", "fleet"]

    // MARK: - The schemas themselves

    @Test func everySchemaIsAValidDraft202012Schema() throws {
        let report = try Self.python.get()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.schemasDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        for kind in Self.kinds { #expect(names.contains("\(kind).schema.json")) }
        #expect(report.schemas.keys.sorted() == names)
        for (name, problem) in report.schemas.sorted(by: { $0.key < $1.key }) {
            #expect(problem == nil, "Python jsonschema rejects schemas/\(name): \(problem ?? "")")
            let node = try Self.parse(Self.schemasDirectory.appendingPathComponent(name))
            #expect(throws: Never.self, "our validator cannot compile schemas/\(name)") { _ = try JSONSchema(node) }
        }
    }

    /// Editors show `description` as help, and `additionalProperties: false` makes a typo an
    /// error: every property of the four document schemas has one, every object the other.
    @Test func documentSchemasDescribeEveryPropertyAndCloseEveryObject() throws {
        for kind in Self.kinds {
            let schema = try Self.parse(Self.schemasDirectory.appendingPathComponent("\(kind).schema.json"))
            #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema["$id"]?.stringValue == "https://agentplane.dev/schemas/v1alpha1/\(kind).schema.json")
            var problems: [String] = []
            var pending: [(JSONNode, String)] = [(schema, "")]
            while let (node, pointer) = pending.popLast() {
                switch node.value {
                case .object(let object):
                    let isCondition = pointer.hasSuffix("/if") || pointer.hasSuffix("/then") || pointer.hasSuffix("/else")
                    if let properties = object["properties"]?.objectValue {
                        if !isCondition, object["additionalProperties"]?.boolValue != false {
                            problems.append("\(pointer): additionalProperties is not false")
                        }
                        for member in properties.members where member.value["description"]?.stringValue?.isEmpty ?? true {
                            problems.append("\(pointer)/properties/\(member.key): no description")
                        }
                    }
                    for member in object.members { pending.append((member.value, JSONPointer.appending(pointer, member.key))) }
                case .array(let elements):
                    for (index, element) in elements.enumerated() { pending.append((element, "\(pointer)/\(index)")) }
                default:
                    break
                }
            }
            #expect(problems.sorted() == [], "schemas/\(kind).schema.json")
        }
    }

    // MARK: - The corpus

    @Test func corpusNamesSayKindAndVerdict() throws {
        let names = try Self.corpusNames()
        let pattern = /^(agentpod|bundle|profile|fleet)-(good|bad)-[a-z0-9]+(-[a-z0-9]+)*\.json$/
        for name in names { #expect(name.wholeMatch(of: pattern) != nil, "corpus file \(name)") }
        #expect(names.filter { $0.contains("-good-") }.count >= 20)
        #expect(names.filter { $0.contains("-bad-") }.count >= 20)
        for kind in Self.kinds {
            #expect(names.contains { $0.hasPrefix("\(kind)-good-") }, "no good \(kind) document")
            #expect(names.contains { $0.hasPrefix("\(kind)-bad-") }, "no bad \(kind) document")
        }
    }

    @Test func bothValidatorsAgreeOnEveryCorpusDocument() throws {
        let report = try Self.python.get()
        let ours = try Self.ourValidators()
        let names = try Self.corpusNames()
        for name in names {
            let path = "Tests/ValidationTests/Fixtures/corpus/\(name)"
            let kind = String(name.prefix { $0 != "-" })
            let validator = try #require(ours[kind], "\(name): unknown kind prefix")
            let instance = try Self.parse(Self.root.appendingPathComponent(path))
            let ourErrors = validator.validate(instance).map(\.description)
            let pythonErrors = try #require(report.documents[path], "Python did not validate \(path)").map(\.description)
            let expectValid = name.contains("-good-")
            #expect(
                ourErrors.isEmpty == pythonErrors.isEmpty,
                "\(name): validators disagree\n  ours:   \(ourErrors)\n  python: \(pythonErrors)")
            #expect(
                ourErrors.isEmpty == expectValid,
                "\(name): named \(expectValid ? "good" : "bad") but ours says \(ourErrors.isEmpty ? "valid" : "\(ourErrors)")")
            #expect(
                pythonErrors.isEmpty == expectValid,
                "\(name): named \(expectValid ? "good" : "bad") but Python says \(pythonErrors.isEmpty ? "valid" : "\(pythonErrors)")")
        }
        #expect(names.count >= 40)
    }

    /// The example state is valid under both validators; in `examples/broken`, exactly the files
    /// its README lists as schema errors are invalid, under both.
    @Test func exampleStateMatchesBothValidators() throws {
        let report = try Self.python.get()
        let ours = try Self.ourValidators()
        var invalid: [String] = []
        for (path, kind) in try Self.exampleDocuments() {
            guard let instance = try? Self.parse(Self.root.appendingPathComponent(path)) else {
                continue  // JSON errors in examples/broken: the reader's business, not the schema's
            }
            let validator = try #require(ours[kind])
            let ourErrors = validator.validate(instance).map(\.description)
            let pythonErrors = try #require(report.documents[path], "Python did not validate \(path)").map(\.description)
            #expect(
                ourErrors.isEmpty == pythonErrors.isEmpty,
                "\(path): validators disagree\n  ours:   \(ourErrors)\n  python: \(pythonErrors)")
            if !ourErrors.isEmpty { invalid.append(path) }
        }
        #expect(invalid.sorted() == [
            "examples/broken/desired/agentpods/scraper.json",
            "examples/broken/desired/agentpods/web.json",
            "examples/broken/desired/profiles/sandbox.json",
        ])
    }

    // MARK: - Python jsonschema, run once for every test

    struct PythonError: Decodable, CustomStringConvertible {
        var pointer: String
        var message: String
        var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
    }

    struct PythonReport: Decodable {
        /// Schema file name → the check_schema error, or nil when the schema is valid.
        var schemas: [String: String?]
        /// Repository-relative document path → its validation errors.
        var documents: [String: [PythonError]]
    }

    struct PythonUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The one Python process that checks every schema and validates every document.
    static let python: Result<PythonReport, PythonUnavailable> = runPython()

    static let pythonScript = #"""
        import json, os, sys
        try:
            from jsonschema import Draft202012Validator as V
        except Exception as error:
            print(json.dumps({"unavailable": "cannot import jsonschema: %s" % error}))
            sys.exit(0)
        if "date-time" not in V.FORMAT_CHECKER.checkers:
            print(json.dumps({"unavailable": "jsonschema cannot check format date-time (rfc3339-validator is missing)"}))
            sys.exit(0)
        root, schemas_dir = sys.argv[1], sys.argv[2]
        manifest = json.load(sys.stdin)
        report = {"schemas": {}, "documents": {}}
        for name in sorted(os.listdir(schemas_dir)):
            if not name.endswith(".json"):
                continue
            try:
                with open(os.path.join(schemas_dir, name)) as f:
                    V.check_schema(json.load(f))
                report["schemas"][name] = None
            except Exception as error:
                report["schemas"][name] = str(error)[:2000]
        validators = {}
        for path, kind in manifest:
            if kind not in validators:
                with open(os.path.join(schemas_dir, kind + ".schema.json")) as f:
                    validators[kind] = V(json.load(f), format_checker=V.FORMAT_CHECKER)
            try:
                with open(os.path.join(root, path)) as f:
                    instance = json.load(f)
            except ValueError:
                continue
            errors = []
            for error in validators[kind].iter_errors(instance):
                pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)
                errors.append({"pointer": pointer, "message": error.message[:300]})
            report["documents"][path] = sorted(errors, key=lambda e: (e["pointer"], e["message"]))
        print(json.dumps(report))
        """#

    private static func runPython() -> Result<PythonReport, PythonUnavailable> {
        let python = ProcessInfo.processInfo.environment["AGENTPLANE_TEST_PYTHON"] ?? "python3"
        let hint = "run `make test` (it installs jsonschema and rfc3339-validator into the build venv and sets AGENTPLANE_TEST_PYTHON)"
        do {
            var manifest: [[String]] = try corpusNames().map { name in
                ["Tests/ValidationTests/Fixtures/corpus/\(name)", String(name.prefix { $0 != "-" })]
            }
            manifest += try exampleDocuments().map { [$0.path, $0.kind] }
            let input = try JSONSerialization.data(withJSONObject: manifest)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, "-c", pythonScript, root.path, schemasDirectory.path]
            let stdin = Pipe()
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            let errorOutput = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let message = String(decoding: errorOutput, as: UTF8.self)
                return .failure(PythonUnavailable(description: "\(python) failed (\(process.terminationStatus)): \(message); \(hint)"))
            }
            if let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
                let unavailable = object["unavailable"] as? String
            {
                return .failure(PythonUnavailable(description: "\(python): \(unavailable); \(hint)"))
            }
            return .success(try JSONDecoder().decode(PythonReport.self, from: output))
        } catch {
            return .failure(PythonUnavailable(description: "cannot run \(python): \(error); \(hint)"))
        }
    }

    // MARK: - Helpers

    static func parse(_ url: URL) throws -> JSONNode {
        try JSONReader.parse([UInt8](try Data(contentsOf: url)))
    }

    static func corpusNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func ourValidators() throws -> [String: JSONSchema] {
        var validators: [String: JSONSchema] = [:]
        for kind in kinds {
            validators[kind] = try JSONSchema(parse(schemasDirectory.appendingPathComponent("\(kind).schema.json")))
        }
        return validators
    }

    /// Every document of the repository's own state and of the example repositories, with the
    /// schema kind its location implies.
    static func exampleDocuments() throws -> [(path: String, kind: String)] {
        var result: [(path: String, kind: String)] = []
        for prefix in ["", "examples/large-fleet/", "examples/broken/"] {
            result.append(("\(prefix)fleet/inventory.json", "fleet"))
            for (folder, kind) in [("agentpods", "agentpod"), ("bundles", "bundle"), ("profiles", "profile")] {
                let directory = root.appendingPathComponent("\(prefix)desired/\(folder)")
                let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
                result += names.sorted().map { ("\(prefix)desired/\(folder)/\($0)", kind) }
            }
        }
        return result
    }
}
