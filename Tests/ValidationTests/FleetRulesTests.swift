import Testing
import Validation

/// FleetRules: stage and node names are unique DNS-1123 labels.
@Suite struct FleetRulesTests {
    private func fleet(stages: String, nodes: String) -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Fleet",
          "metadata": {"name": "fleet"},
          "spec": {
            "stages": [\(stages)],
            "nodes": [\(nodes)]
          }
        }
        """
    }

    private let node = #"{"name": "n1", "stage": "dev", "executor": {"type": "podman"}}"#

    @Test func nodeNamesAreUnique() {
        let repo = TestRepo.baseline.with("fleet/inventory.json", fleet(stages: #""dev""#, nodes: node + ", " + node))
        #expect(repo.messages() == [
            "fleet/inventory.json:7:88: error: /spec/nodes/1/name: node name 'n1' is already used at /spec/nodes/0; node names must be unique"
        ])
    }

    /// The schema rejects both (uniqueItems, name pattern); the rule holds without it.
    @Test func stagesAreUniqueDNSLabelsEvenWithoutTheSchema() throws {
        let repo = TestRepo.baseline.with("fleet/inventory.json", fleet(stages: #""dev", "Prod", "dev""#, nodes: node))
        #expect(try repo.semanticMessages(rule: "fleet") == [
            "fleet/inventory.json:6:23: error: /spec/stages/1: stage name 'Prod' is not a DNS-1123 label: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
            "fleet/inventory.json:6:31: error: /spec/stages/2: stage 'dev' is already listed at /spec/stages/0; stages must be unique",
        ])
    }
}
