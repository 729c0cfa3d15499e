import Testing
import Validation

/// ReferenceRules: pod → bundle and profile, bundle → pods and dependsOn, smoke → pod and
/// container, node → profiles and stage; pods and bundles agree; no cascades from broken files.
@Suite struct ReferenceRulesTests {
    @Test func unknownBundleOfAPod() {
        let repo = TestRepo.baseline.with("desired/agentpods/extra.json", TestDocuments.pod("extra", bundle: "nowhere"))
        #expect(repo.messages() == [
            "desired/agentpods/extra.json:6:15: error: /spec/bundle: unknown bundle 'nowhere': no Bundle has this name (expected in desired/bundles/nowhere.json)"
        ])
    }

    @Test func unknownProfileOfAPod() {
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", TestDocuments.pod("web", profile: "corp"))
        #expect(repo.messages() == [
            "desired/agentpods/web.json:7:16: error: /spec/profile: unknown profile 'corp': no Profile has this name (expected in desired/profiles/corp.json)"
        ])
    }

    @Test func unknownPodAndBundleInABundle() {
        let repo = TestRepo.baseline.with(
            "desired/bundles/core.json", TestDocuments.bundle("core", pods: ["web", "ghost"], dependsOn: ["base"]))
        #expect(repo.messages() == [
            "desired/bundles/core.json:6:21: error: /spec/pods/1: unknown pod 'ghost': no AgentPod has this name (expected in desired/agentpods/ghost.json)",
            "desired/bundles/core.json:7:19: error: /spec/dependsOn/0: unknown bundle 'base': no Bundle has this name (expected in desired/bundles/base.json)",
        ])
    }

    @Test func aPodListedByAnotherBundle() {
        let repo = TestRepo.baseline.with("desired/bundles/extra.json", TestDocuments.bundle("extra", pods: ["web"]))
        #expect(repo.messages() == [
            "desired/bundles/extra.json:6:14: error: /spec/pods/0: pod 'web' belongs to bundle 'core' (its spec.bundle in desired/agentpods/web.json), so bundle 'extra' must not list it"
        ])
    }

    @Test func aPodItsBundleDoesNotList() {
        let repo = TestRepo.baseline.with("desired/agentpods/api.json", TestDocuments.pod("api"))
        #expect(repo.messages() == [
            "desired/agentpods/api.json:6:15: error: /spec/bundle: bundle 'core' does not list this pod in its spec.pods (desired/bundles/core.json); add 'api' there"
        ])
    }

    @Test func smokeChecksRunInAPodOfTheBundleAndAnExistingContainer() {
        let repo = TestRepo.baseline.with("desired/bundles/core.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Bundle",
              "metadata": {"name": "core", "version": "1.0.0"},
              "spec": {
                "pods": ["web"],
                "policy": {"maxRunSeconds": 300},
                "smoke": [
                  {"name": "up", "pod": "web", "container": "app", "exec": ["true"]},
                  {"name": "other", "pod": "db", "exec": ["true"]},
                  {"name": "side", "pod": "web", "container": "sidecar", "exec": ["true"]}
                ]
              }
            }
            """)
        #expect(repo.messages() == [
            "desired/bundles/core.json:10:32: error: /spec/smoke/1/pod: smoke check 'other' runs in pod 'db', which this bundle does not list in spec.pods",
            "desired/bundles/core.json:11:51: error: /spec/smoke/2/container: smoke check 'side' names container 'sidecar', but pod 'web' has no such container (it has: app)",
        ])
    }

    @Test func nodesReferenceKnownStagesAndProfiles() {
        let repo = TestRepo.baseline.with("fleet/inventory.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Fleet",
              "metadata": {"name": "fleet"},
              "spec": {
                "stages": ["dev", "prod"],
                "nodes": [
                  {"name": "n1", "stage": "qa", "profiles": ["personal", "corp"],
                   "executor": {"type": "directory", "path": "out/n1"}}
                ]
              }
            }
            """)
        #expect(repo.messages() == [
            "fleet/inventory.json:8:31: error: /spec/nodes/0/stage: node 'n1' is in unknown stage 'qa': spec.stages lists dev, prod",
            "fleet/inventory.json:8:62: error: /spec/nodes/0/profiles/1: unknown profile 'corp': no Profile has this name (expected in desired/profiles/corp.json)",
        ])
    }

    @Test func aBundleWithASyntaxErrorCausesNoUnknownBundleErrors() {
        let repo = TestRepo.baseline.with("desired/bundles/core.json", "{\n  \"kind\": \"Bundle\",\n  oops\n}\n")
        let report = repo.report()
        #expect(report.diagnostics.map(\.code) == ["json"])
        #expect(report.diagnostics.map(\.file) == ["desired/bundles/core.json"])
    }

    @Test func aProfileFailingItsSchemaCausesNoUnknownProfileErrors() {
        let repo = TestRepo.baseline.with("desired/profiles/personal.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Profile",
              "metadata": {"name": "personal"},
              "spec": {"class": "personal"}
            }
            """)
        let report = repo.report()
        #expect(report.diagnostics.map(\.code) == ["schema"])
        #expect(report.diagnostics.map(\.file) == ["desired/profiles/personal.json"])
    }

    @Test func theNameInsideABrokenFileIsAlsoSpared() {
        // core.json is gone; misc.json names itself 'core' but fails its schema.
        let repo = TestRepo.baseline
            .without("desired/bundles/core.json")
            .with("desired/bundles/misc.json", """
                {
                  "apiVersion": "agentplane.dev/v1alpha1",
                  "kind": "Bundle",
                  "metadata": {"name": "core", "version": "1.0.0"},
                  "spec": {"pods": ["web"], "policy": {"maxRunSeconds": "300"}}
                }
                """)
        #expect(repo.messages() == [
            "desired/bundles/misc.json:5:57: error: /spec/policy/maxRunSeconds: expected integer, got string"
        ])
    }

    @Test func referencesToOtherNamesAreStillReportedWhenAFileIsBroken() {
        let repo = TestRepo.baseline
            .with("desired/profiles/personal.json", "not json")
            .with("desired/agentpods/extra.json", TestDocuments.pod("extra", bundle: "nowhere"))
        #expect(repo.report().diagnostics.map { "\($0.file ?? "") \($0.code)" } == [
            "desired/agentpods/extra.json reference",
            "desired/profiles/personal.json json",
        ])
    }
}
