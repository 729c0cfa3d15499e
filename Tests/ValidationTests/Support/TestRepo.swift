import DesiredState
import Formats
import PlaneModel
import Testing
import Validation

/// A desired state held in memory: repository-relative path → JSON text.
///
/// `TestRepo.baseline` is small and valid; a test replaces or adds the one file it is about
/// and asserts the exact diagnostics a user would see.
struct TestRepo {
    var files: [String: String]

    /// A valid desired state: profile `personal`, bundle `core` with pod `web`, a fleet with
    /// stages dev and prod and one directory node.
    static let baseline = TestRepo(files: [
        "desired/profiles/personal.json": TestDocuments.profile("personal"),
        "desired/bundles/core.json": TestDocuments.bundle("core", pods: ["web"]),
        "desired/agentpods/web.json": TestDocuments.pod("web"),
        "fleet/inventory.json": TestDocuments.fleet,
    ])

    /// This repository with `text` at `path` (added or replaced).
    func with(_ path: String, _ text: String) -> TestRepo {
        var copy = self
        copy.files[path] = text
        return copy
    }

    /// This repository without the file at `path`.
    func without(_ path: String) -> TestRepo {
        var copy = self
        copy.files[path] = nil
        return copy
    }

    var sourceFiles: [SourceFile] {
        files.keys.sorted().map { SourceFile(path: $0, text: files[$0] ?? "") }
    }

    /// The full pipeline: JSON, kind, schema, decoding, semantic rules.
    func report() -> ValidationReport {
        Validator().validate(files: sourceFiles)
    }

    /// Every diagnostic of the full pipeline, gcc-style.
    func messages() -> [String] {
        report().diagnostics.map(\.formatted)
    }

    /// Parses and decodes every file without schema validation, for rules whose violations the
    /// schema already rejects (the rule must still hold on its own). Fails the caller's
    /// expectations through an empty context if a file does not decode.
    func context() throws -> SemanticContext {
        var documents = DesiredDocuments()
        var nodes: [String: JSONNode] = [:]
        for file in sourceFiles {
            let node = try JSONReader.parse(file.bytes)
            switch DocumentDecoder.decode(node, path: file.path, expecting: SourceLayout.documentKind(at: file.path)) {
            case .success(let document):
                documents.insert(document)
                nodes[file.path] = node
            case .failure(let failure):
                throw failure
            }
        }
        return SemanticContext(documents: documents, nodes: nodes)
    }

    /// The diagnostics of one semantic rule family alone (no schema), gcc-style, sorted.
    func semanticMessages(rule name: String) throws -> [String] {
        let rule = try #require(SemanticRules.all.first { $0.name == name }, "no rule family named \(name)")
        return rule.check(try context()).sorted().map(\.formatted)
    }

    /// This repository plus, for each `(bundle, dependsOn)`, a bundle with one pod `<bundle>-pod`.
    func withBundles(_ bundles: [(name: String, dependsOn: [String])]) -> TestRepo {
        var repo = self
        for (name, dependsOn) in bundles {
            repo = repo
                .with("desired/bundles/\(name).json", TestDocuments.bundle(name, pods: ["\(name)-pod"], dependsOn: dependsOn))
                .with("desired/agentpods/\(name)-pod.json", TestDocuments.pod("\(name)-pod", bundle: name))
        }
        return repo
    }
}
