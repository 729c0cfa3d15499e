import Testing
import Validation

/// HostPortRule: a host port and protocol is used once per pod, and never by two pods that
/// could be placed on the same node.
@Suite struct HostPortRuleTests {
    private let port8080 = #"{"name": "app", "image": "docker.io/library/nginx:1.27", "ports": [{"containerPort": 80, "hostPort": 8080}]}"#

    /// Pods `api` and `web` in bundle core, both with host port 8080/tcp plus `specExtra`s.
    private func twoPods(api: String = "", web: String = "", fleet: String = TestDocuments.fleet) -> TestRepo {
        TestRepo.baseline
            .with("desired/bundles/core.json", TestDocuments.bundle("core", pods: ["api", "web"]))
            .with("desired/agentpods/api.json", TestDocuments.pod("api", container: port8080, specExtra: api))
            .with("desired/agentpods/web.json", TestDocuments.pod("web", container: port8080, specExtra: web))
            .with("fleet/inventory.json", fleet)
    }

    private func fleet(_ nodes: String) -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Fleet",
          "metadata": {"name": "fleet"},
          "spec": {"stages": ["dev"], "nodes": [\(nodes)]}
        }
        """
    }

    @Test func duplicateWithinOnePod() {
        let container = #"{"name": "app", "image": "docker.io/library/nginx:1.27", "ports": [{"containerPort": 80, "hostPort": 8080}, {"containerPort": 81, "hostPort": 8080}, {"containerPort": 53, "hostPort": 8080, "protocol": "udp"}]}"#
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", TestDocuments.pod("web", container: container))
        #expect(repo.messages() == [
            "desired/agentpods/web.json:9:149: error: /spec/containers/0/ports/1/hostPort: host port 8080/tcp is already used in this pod at /spec/containers/0/ports/0/hostPort; a host port can be bound once per node"
        ])
    }

    @Test func twoPodsThatCanShareANode() {
        #expect(twoPods().messages() == [
            "desired/agentpods/web.json:9:108: error: /spec/containers/0/ports/0/hostPort: host port 8080/tcp is also used by pod 'api' (desired/agentpods/api.json); both pods can be placed on node 'n1' (its labels, capabilities, profiles and executor admit both): use different host ports, or nodeSelectors that keep the pods apart"
        ])
    }

    @Test func nodeSelectorsThatKeepPodsApart() {
        let nodes = #"""
            {"name": "n1", "stage": "dev", "labels": {"zone": "a"}, "executor": {"type": "directory", "path": "n1"}},
            {"name": "n2", "stage": "dev", "labels": {"zone": "b"}, "executor": {"type": "directory", "path": "n2"}}
            """#
        let repo = twoPods(
            api: #""placement": {"nodeSelector": {"zone": "a"}}"#,
            web: #""placement": {"nodeSelector": {"zone": "b"}}"#, fleet: fleet(nodes))
        #expect(repo.messages() == [])
    }

    @Test func runtimesThatKeepPodsApart() {
        let nodes = #"""
            {"name": "q1", "stage": "dev", "executor": {"type": "quadlet", "unitDir": "/etc/containers/systemd", "scope": "system"}},
            {"name": "p1", "stage": "dev", "executor": {"type": "podman"}}
            """#
        let repo = twoPods(
            api: #""placement": {"runtime": "quadlet"}"#, web: #""placement": {"runtime": "podman"}"#, fleet: fleet(nodes))
        #expect(repo.messages() == [])
    }

    @Test func kubernetesNodesAreLeftToTheClusterScheduler() {
        let nodes = #"{"name": "k1", "stage": "dev", "executor": {"type": "kubernetes", "namespace": "agents"}}"#
        #expect(twoPods(fleet: fleet(nodes)).messages() == [])
    }

    @Test func differentProtocolsDoNotConflict() {
        let udp = #"{"name": "app", "image": "docker.io/library/nginx:1.27", "ports": [{"containerPort": 80, "hostPort": 8080, "protocol": "udp"}]}"#
        let repo = twoPods().with("desired/agentpods/web.json", TestDocuments.pod("web", container: udp))
        #expect(repo.messages() == [])
    }

    @Test func withoutAFleetSelectorsAndRuntimesDecide() throws {
        let clash = twoPods(api: #""placement": {"nodeSelector": {"zone": "a"}}"#).without("fleet/inventory.json")
        #expect(try clash.semanticMessages(rule: "host-ports") == [
            "desired/agentpods/web.json:9:108: error: /spec/containers/0/ports/0/hostPort: host port 8080/tcp is also used by pod 'api' (desired/agentpods/api.json); their runtime and nodeSelector do not keep them on different nodes: use different host ports, or nodeSelectors that keep the pods apart"
        ])
        let apart = twoPods(
            api: #""placement": {"nodeSelector": {"zone": "a"}}"#, web: #""placement": {"nodeSelector": {"zone": "b"}}"#
        ).without("fleet/inventory.json")
        #expect(try apart.semanticMessages(rule: "host-ports") == [])
    }
}
