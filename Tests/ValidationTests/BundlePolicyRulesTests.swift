import Testing
import Validation

/// BundlePolicyRules: maxRunSeconds 5–3600, allowAGPL false, no AGPL component licence.
@Suite struct BundlePolicyRulesTests {
    private func bundle(maxRunSeconds: Int, allowAGPL: Bool = false, licenses: [String] = []) -> String {
        let components = licenses.enumerated()
            .map { "{\"name\": \"c\($0.offset)\", \"license\": \"\($0.element)\"}" }
            .joined(separator: ", ")
        return """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Bundle",
              "metadata": {"name": "core", "version": "1.0.0", "licensePolicy": {"allowAGPL": \(allowAGPL)}},
              "spec": {
                "pods": ["web"],
                "policy": {"maxRunSeconds": \(maxRunSeconds)},
                "components": [\(components)]
              }
            }
            """
    }

    @Test(arguments: [4, 0, -1, 3601, 86400])
    func maxRunSecondsOutOfRange(seconds: Int) {
        let repo = TestRepo.baseline.with("desired/bundles/core.json", bundle(maxRunSeconds: seconds))
        #expect(repo.messages() == [
            "desired/bundles/core.json:7:33: error: /spec/policy/maxRunSeconds: maxRunSeconds \(seconds) is out of range: the bundle's apply timeout must be 5–3600 seconds"
        ])
    }

    @Test(arguments: [5, 60, 3600])
    func maxRunSecondsInRange(seconds: Int) {
        let repo = TestRepo.baseline.with("desired/bundles/core.json", bundle(maxRunSeconds: seconds))
        #expect(repo.messages() == [])
    }

    @Test func allowAGPLMustBeFalse() {
        let repo = TestRepo.baseline.with("desired/bundles/core.json", bundle(maxRunSeconds: 300, allowAGPL: true))
        #expect(repo.messages() == [
            "desired/bundles/core.json:4:83: error: /metadata/licensePolicy/allowAGPL: allowAGPL must be false: AGPL-licensed components are not allowed in a bundle"
        ])
    }

    @Test func agplComponentsInAnyExpressionAreErrors() {
        let licenses = ["MIT", "MIT OR AGPL-3.0-only", "Apache-2.0", "agpl-3.0-or-later", "GPL-3.0-only WITH Classpath-exception-2.0"]
        let repo = TestRepo.baseline.with("desired/bundles/core.json", bundle(maxRunSeconds: 300, licenses: licenses))
        #expect(repo.messages() == [
            "desired/bundles/core.json:8:80: error: /spec/components/1/license: component 'c1' has licence 'MIT OR AGPL-3.0-only', which includes AGPL; AGPL-licensed components are not allowed",
            "desired/bundles/core.json:8:172: error: /spec/components/3/license: component 'c3' has licence 'agpl-3.0-or-later', which includes AGPL; AGPL-licensed components are not allowed",
        ])
    }
}
