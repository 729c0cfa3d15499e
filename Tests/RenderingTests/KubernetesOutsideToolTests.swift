import Foundation
import Formats
import Rendering
import Testing

/// Every rendered manifest, checked by the outside references: `kubernetes-validate --strict`
/// (the Kubernetes OpenAPI schemas) and PyYAML (reads back exactly the value meant).
@Suite struct KubernetesOutsideToolTests {
    /// The Kubernetes version whose schemas the manifests are checked against.
    static let kubernetesVersion = "1.30.0"

    /// Every manifest of every fixture on both targets.
    static func allManifests() throws -> [KubernetesManifest] {
        let renderer = KubernetesRenderer()
        var out: [KubernetesManifest] = []
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.clusterNode) {
            out += try renderer.manifests(placement)
        }
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.podmanNode) {
            out += try renderer.podmanManifests(placement)
        }
        return out
    }

    /// Writes `files` (relative path → bytes) under a new temporary folder.
    static func writeFiles(_ files: [(String, [UInt8])]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentplane-k8s-\(UUID().uuidString)")
        for (path, bytes) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        return folder
    }

    static func kubernetesValidate() throws -> String {
        guard let tool = ExternalCommand.find("kubernetes-validate", inVenv: true) else {
            throw ExternalCommand.Failure(
                description: "kubernetes-validate not found in $AGENTPLANE_TEST_VENV/bin or on PATH: run `make test`")
        }
        return tool
    }

    @Test func everyRenderedManifestPassesKubernetesValidateStrict() throws {
        let tool = try Self.kubernetesValidate()
        let manifests = try Self.allManifests()
        let files = manifests.enumerated().map { index, manifest in
            ("\(index)-\(manifest.object.path.replacingOccurrences(of: "/", with: "-"))", manifest.object.bytes)
        }
        let folder = try Self.writeFiles(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = files.map { folder.appendingPathComponent($0.0).path }
        let result = try ExternalCommand.run(
            tool, ["--strict", "--quiet", "-k", Self.kubernetesVersion] + paths, timeout: 300)
        #expect(result.status == 0, "kubernetes-validate rejected rendered manifests:\n\(result.transcript)")
        #expect(!result.stdoutText.contains("ERROR"), "\(result.stdoutText)")
        #expect(paths.count == manifests.count && manifests.count >= 30)
    }

    @Test(arguments: [
        ("  replicas: 1\n", "  replicas: 1\n  replicaz: 1\n", "replicaz"),
        ("  replicas: 1\n", "  replicas: one\n", "spec.replicas: 'one' is not of type 'integer'"),
    ])
    func kubernetesValidateRejectsABrokenManifest(find: String, replace: String, message: String) throws {
        let tool = try Self.kubernetesValidate()
        let manifests = try Self.allManifests()
        let deployment = try #require(manifests.first { $0.object.kind == .deployment })
        let original = String(decoding: deployment.object.bytes, as: UTF8.self)
        let broken = original.replacingOccurrences(of: "\nspec:\n" + find, with: "\nspec:\n" + replace)
        #expect(broken != original, "the broken copy must differ")
        let folder = try Self.writeFiles([("broken.yaml", Array(broken.utf8))])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExternalCommand.run(
            tool, ["--strict", "-k", Self.kubernetesVersion, folder.appendingPathComponent("broken.yaml").path])
        #expect(result.status != 0, "kubernetes-validate accepted a broken manifest:\n\(result.transcript)")
        #expect(result.stdoutText.contains(message) || result.stderrText.contains(message), "\(result.transcript)")
    }

    /// A Python program that loads pairs of files (YAML written by us, JSON of the value we
    /// meant) and prints every pair whose values differ. Types count: `'1'` is not `1`.
    static let compareScript = """
        import json, sys, yaml
        def same(a, b):
            if type(a) is not type(b):
                return False
            if isinstance(a, dict):
                return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
            if isinstance(a, list):
                return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
            return a == b
        bad = 0
        lines = sys.stdin.read().splitlines()
        for line in lines:
            yaml_path, json_path = line.split("\\t")
            with open(yaml_path, "rb") as f:
                docs = list(yaml.safe_load_all(f))
            with open(json_path, "rb") as f:
                meant = json.load(f)
            if len(docs) != 1 or not same(docs[0], meant):
                bad += 1
                print("DIFFERENT: " + yaml_path)
                print("  yaml: " + json.dumps(docs, sort_keys=True, ensure_ascii=False))
                print("  meant: " + json.dumps(meant, sort_keys=True, ensure_ascii=False))
        print("checked %d, different %d" % (len(lines), bad))
        sys.exit(1 if bad else 0)
        """

    static func python() throws -> String {
        guard let python = ExternalCommand.findPython() else {
            throw ExternalCommand.Failure(description: "python3 not found: run `make test`")
        }
        let probe = try ExternalCommand.run(python, ["-c", "import yaml"])
        guard probe.status == 0 else {
            throw ExternalCommand.Failure(description: "PyYAML is not installed for \(python): run `make test`")
        }
        return python
    }

    /// Runs the comparison over `pairs` (YAML bytes, meant value) in one Python process.
    static func compareWithPyYAML(_ pairs: [([UInt8], JSONValue)]) throws -> ExternalCommand.Result {
        let python = try python()
        var files: [(String, [UInt8])] = []
        var lines: [String] = []
        for (index, pair) in pairs.enumerated() {
            files.append(("\(index).yaml", pair.0))
            files.append(("\(index).json", JSONWriter(sortedKeys: false).encode(pair.1)))
        }
        let folder = try writeFiles(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in pairs.indices {
            lines.append(
                folder.appendingPathComponent("\(index).yaml").path + "\t"
                    + folder.appendingPathComponent("\(index).json").path)
        }
        return try ExternalCommand.run(
            python, ["-c", compareScript], stdin: Data(lines.joined(separator: "\n").utf8), timeout: 300)
    }

    @Test func pyYAMLReadsEveryManifestAsExactlyTheMeantValue() throws {
        let manifests = try Self.allManifests()
        let result = try Self.compareWithPyYAML(manifests.map { ($0.object.bytes, $0.value) })
        #expect(result.status == 0, "PyYAML read something else than meant:\n\(result.transcript)")
    }

    @Test func theComparisonNoticesADifference() throws {
        let meant: JSONValue = ["replicas": 1, "name": "on", "list": ["a"]]
        let result = try Self.compareWithPyYAML([
            (Array("replicas: '1'\nname: 'on'\nlist:\n- a\n".utf8), meant),
            (Array("replicas: 1\nname: on\nlist:\n- a\n".utf8), meant),
            (Array("replicas: 1\nname: 'on'\nlist:\n- a\n".utf8), meant),
        ])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("DIFFERENT: ") && result.stdoutText.contains("/0.yaml"))
        #expect(result.stdoutText.contains("/1.yaml"), "YAML 1.1 reads plain on as true")
        #expect(!result.stdoutText.contains("/2.yaml"))
    }
}
