import DesiredState
import PlaneModel
import Testing
import Validation

/// The pipeline as a whole: JSON → kind → schema → decode → semantics, every error reported.
@Suite struct PipelineTests {
    @Test func baselineIsValid() {
        let report = TestRepo.baseline.report()
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.isValid)
        #expect(report.fileCount == 4)
        #expect(report.documents.pods.map(\.name) == ["web"])
        #expect(report.documents.bundles.map(\.name) == ["core"])
        #expect(report.documents.profiles.map(\.name) == ["personal"])
        #expect(report.documents.fleet?.nodes.map(\.name) == ["n1"])
    }

    @Test func jsonSyntaxErrorHasFileLineAndColumn() {
        let repo = TestRepo.baseline.with("desired/profiles/personal.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Profile",,
            }
            """)
        let report = repo.report()
        #expect(report.diagnostics.count == 1)
        let diagnostic = report.diagnostics.first
        #expect(diagnostic?.code == "json")
        #expect(diagnostic?.file == "desired/profiles/personal.json")
        #expect(diagnostic?.line == 3)
        #expect(diagnostic?.column == 21)
        #expect(!report.isValid)
    }

    @Test func kindMismatchIsReportedInsteadOfSchemaNoise() {
        let repo = TestRepo.baseline.with("desired/agentpods/extra.json", TestDocuments.profile("extra"))
        #expect(repo.messages() == [
            "desired/agentpods/extra.json:3:11: error: /kind: kind 'Profile' does not match the file's location: every file in desired/agentpods/ holds kind AgentPod"
        ])
    }

    @Test func schemaViolationPointsAtTheValue() {
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "AgentPod",
              "metadata": {"name": "web"},
              "spec": {
                "bundle": "core",
                "profile": "personal",
                "containers": [{"name": "app", "image": 42}]
              }
            }
            """)
        #expect(repo.report().diagnostics.map(\.code) == ["schema"])
        #expect(repo.messages() == [
            "desired/agentpods/web.json:8:45: error: /spec/containers/0/image: expected string, got number"
        ])
    }

    @Test func everyErrorOfEveryFileIsReportedInOneRun() {
        let repo = TestRepo.baseline
            .with("desired/profiles/broken.json", "{\"apiVersion\": ")
            .with("desired/agentpods/lost.json", TestDocuments.pod("lost", bundle: "nowhere"))
            .with("desired/bundles/core.json", """
                {
                  "apiVersion": "agentplane.dev/v1alpha1",
                  "kind": "Bundle",
                  "metadata": {"name": "core", "version": "1.0.0", "licensePolicy": {"allowAGPL": true}},
                  "spec": {"pods": ["web"], "policy": {"maxRunSeconds": 1}}
                }
                """)
        let codes = repo.report().diagnostics.map { "\($0.file ?? "-") \($0.code)" }
        #expect(codes == [
            "desired/agentpods/lost.json reference",
            "desired/bundles/core.json license",
            "desired/bundles/core.json max-run-seconds",
            "desired/profiles/broken.json json",
        ])
    }

    @Test func diagnosticsAreSortedByFileLineAndColumn() {
        let repo = TestRepo.baseline
            .with("desired/agentpods/b.json", TestDocuments.pod("b", bundle: "nowhere", profile: "none"))
            .with("desired/agentpods/a.json", TestDocuments.pod("a", bundle: "nowhere"))
        let diagnostics = repo.report().diagnostics
        #expect(diagnostics == diagnostics.sorted())
        #expect(diagnostics.map { "\($0.file ?? ""):\($0.line ?? 0)" } == [
            "desired/agentpods/a.json:6", "desired/agentpods/b.json:6", "desired/agentpods/b.json:7",
        ])
    }

    @Test func fileOutsideTheLayoutIsAnError() {
        let repo = TestRepo.baseline.with("desired/pods/web.json", TestDocuments.pod("web"))
        #expect(repo.messages() == [
            "desired/pods/web.json: error: not a document location; documents go in desired/agentpods/, desired/bundles/ or desired/profiles/ as <name>.json, and the fleet in fleet/inventory.json"
        ])
    }

    @Test func readDiagnosticsAreKeptAndSuppressReferences() {
        var files = TestRepo.baseline.without("desired/bundles/core.json").sourceFiles
        files.sort { $0.path < $1.path }
        let sources = DesiredSources(origin: "test", files: files, diagnostics: [
            Diagnostic(file: "desired/bundles/core.json", code: "too-large", message: "file is 5000000 bytes, over the 4194304-byte limit (4 MiB); not read")
        ])
        let report = Validator().validate(sources)
        #expect(report.diagnostics.map(\.formatted) == [
            "desired/bundles/core.json: error: file is 5000000 bytes, over the 4194304-byte limit (4 MiB); not read"
        ])
    }

    @Test func largeInputsAreCheckedInParallelWithTheSameResult() {
        var repo = TestRepo.baseline
        for index in 0..<100 {
            repo = repo.with("desired/agentpods/p\(index).json", TestDocuments.pod("p\(index)", bundle: "missing"))
        }
        let serial = Validator(parallelThreshold: 1_000).validate(files: repo.sourceFiles)
        let parallel = Validator(parallelThreshold: 2).validate(files: repo.sourceFiles)
        #expect(serial.diagnostics.count == 100)
        #expect(serial.diagnostics == parallel.diagnostics)
        #expect(serial.documents == parallel.documents)
    }
}
