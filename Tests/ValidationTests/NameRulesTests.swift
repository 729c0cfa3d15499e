import Testing
import Validation

/// NameRules: DNS-1123 names, metadata.name equals the file name, unique names per kind and
/// within a pod.
@Suite struct NameRulesTests {
    @Test func nameMustMatchTheFileName() {
        let repo = TestRepo.baseline.with(
            "desired/agentpods/web.json", TestDocuments.pod("webapp"))
        #expect(repo.messages() == [
            "desired/agentpods/web.json:4:24: error: /metadata/name: name 'webapp' does not match the file name: desired/agentpods/web.json must hold the AgentPod named 'web' (rename the file or the document)",
            "desired/agentpods/web.json:6:15: error: /spec/bundle: bundle 'core' does not list this pod in its spec.pods (desired/bundles/core.json); add 'webapp' there",
        ])
    }

    @Test func namesAreUniquePerKindAndTheOtherFileIsNamed() {
        let repo = TestRepo.baseline.with("desired/agentpods/web2.json", TestDocuments.pod("web"))
        #expect(repo.messages() == [
            "desired/agentpods/web2.json:4:24: error: /metadata/name: AgentPod 'web' is already defined in desired/agentpods/web.json; names must be unique per kind",
            "desired/agentpods/web2.json:4:24: error: /metadata/name: name 'web' does not match the file name: desired/agentpods/web2.json must hold the AgentPod named 'web2' (rename the file or the document)",
        ])
    }

    @Test func sameNameInDifferentKindsIsFine() {
        let repo = TestRepo.baseline.with("desired/profiles/web.json", TestDocuments.profile("web"))
        #expect(repo.messages() == [])
    }

    @Test func containerAndVolumeNamesAreUniqueWithinAPod() {
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "AgentPod",
              "metadata": {"name": "web"},
              "spec": {
                "bundle": "core",
                "profile": "personal",
                "containers": [
                  {"name": "app", "image": "docker.io/library/nginx:1.27"},
                  {"name": "app", "image": "docker.io/library/redis:7"}
                ],
                "volumes": [
                  {"name": "data", "tier": "nvme", "size": "1Gi", "mountPath": "/data"},
                  {"name": "data", "tier": "ram", "size": "1Gi", "mountPath": "/cache"}
                ]
              }
            }
            """)
        #expect(repo.messages() == [
            "desired/agentpods/web.json:10:16: error: /spec/containers/1/name: container name 'app' is already used at /spec/containers/0; container names must be unique within a pod",
            "desired/agentpods/web.json:14:16: error: /spec/volumes/1/name: volume name 'data' is already used at /spec/volumes/0; volume names must be unique within a pod",
        ])
    }

    /// The schema rejects these names too; the rule must hold on its own.
    @Test func namesMustBeDNSLabelsEvenWithoutTheSchema() throws {
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "AgentPod",
              "metadata": {"name": "Web_1"},
              "spec": {
                "bundle": "core",
                "profile": "personal",
                "containers": [{"name": "-app", "image": "docker.io/library/nginx:1.27"}]
              }
            }
            """)
        let rule = "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"
        #expect(try repo.semanticMessages(rule: "names") == [
            "desired/agentpods/web.json:4:24: error: /metadata/name: name 'Web_1' does not match the file name: desired/agentpods/web.json must hold the AgentPod named 'web' (rename the file or the document)",
            "desired/agentpods/web.json:4:24: error: /metadata/name: name 'Web_1' is not a DNS-1123 label: \(rule)",
            "desired/agentpods/web.json:8:29: error: /spec/containers/0/name: container name '-app' is not a DNS-1123 label: \(rule)",
        ])
    }

    @Test func dnsLabelBoundaries() {
        #expect(DNSLabelCases.valid.allSatisfy(DNSLabelCases.check))
        #expect(!DNSLabelCases.invalid.contains(where: DNSLabelCases.check))
    }
}

/// Names on both sides of the DNS-1123 label rule.
enum DNSLabelCases {
    static let valid = ["a", "0", "web", "web-1", "a-b-c", String(repeating: "a", count: 63)]
    static let invalid = ["", "-a", "a-", "A", "a_b", "a.b", "ä", String(repeating: "a", count: 64)]
    static func check(_ name: String) -> Bool { DNSLabel.isValid(name) }
}
