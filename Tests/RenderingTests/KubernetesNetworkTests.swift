import Formats
import PlaneModel
import Rendering
import Testing

/// The profile's network mode as a NetworkPolicy (cluster), proxy variables, and the podman
/// play options.
@Suite struct KubernetesNetworkTests {
    typealias T = KubernetesTestSupport

    @Test func noneDeniesAllIngressAndEgress() throws {
        let policy = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.airgapped)), kind: "NetworkPolicy"))
        #expect(T.at(policy, "apiVersion")?.stringValue == "networking.k8s.io/v1")
        #expect(
            T.at(policy, "spec", "policyTypes")?.arrayValue?.compactMap(\.stringValue) == ["Ingress", "Egress"])
        #expect(T.at(policy, "spec", "ingress") == nil)
        #expect(T.at(policy, "spec", "egress") == nil)
        #expect(
            T.stringMap(T.at(policy, "spec", "podSelector", "matchLabels"))
                == ["agentplane.dev/pod": "summarizer", "app.kubernetes.io/name": "summarizer"])
    }

    @Test func allowlistAllowsEgressOnlyToTheProxyPortAndDNS() throws {
        let policy = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.allowlist)), kind: "NetworkPolicy"))
        #expect(T.at(policy, "spec", "policyTypes")?.arrayValue?.compactMap(\.stringValue) == ["Egress"])
        let rules = try #require(T.at(policy, "spec", "egress")?.arrayValue)
        #expect(rules.count == 2)
        #expect(rules[0]["to"] == nil, "a proxy named by host can only be allowed by port")
        #expect(T.stringMap(T.at(rules[0].value, "ports", "0")) == ["protocol": "TCP"])
        #expect(T.at(rules[0].value, "ports", "0", "port")?.intValue == 3128)
        #expect(
            T.at(rules[1].value, "to", "0", "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")?
                .stringValue == "kube-system")
        let dnsPorts = try #require(T.at(rules[1].value, "ports")?.arrayValue)
        #expect(dnsPorts.map { $0["protocol"]?.stringValue } == ["UDP", "TCP"])
        #expect(dnsPorts.map { $0["port"]?.intValue } == [53, 53])

        let annotations = T.stringMap(T.at(policy, "metadata", "annotations"))
        #expect(annotations["agentplane.dev/egress-proxy"] == "http://proxy.corp.example:3128")
        #expect(annotations["agentplane.dev/egress-allow"] == "*.atlassian.net:443,api.github.com:443,pypi.org")
        #expect(annotations["agentplane.dev/network-mode"] == "allowlist")
    }

    @Test func aProxyNamedByAddressIsAllowedByAddress() throws {
        let policy = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.allowlistIP)), kind: "NetworkPolicy"))
        let rule = try #require(T.at(policy, "spec", "egress", "0"))
        #expect(T.at(rule, "to", "0", "ipBlock", "cidr")?.stringValue == "10.20.30.40/32")
        #expect(T.at(rule, "ports", "0", "port")?.intValue == 3128)
    }

    @Test func openHasNoNetworkPolicy() throws {
        let manifests = try T.cluster(T.onCluster(KubernetesFixtures.plain))
        #expect(T.first(manifests, kind: "NetworkPolicy") == nil)
    }

    @Test func allowlistContainersGetTheProxyUnlessTheySetItThemselves() throws {
        for manifests in [
            try T.cluster(T.onCluster(KubernetesFixtures.allowlist)),
            try T.podman(T.onPodman(KubernetesFixtures.allowlist)),
        ] {
            let workload = try #require(T.first(manifests, kind: "Deployment"))
            let env = try #require(T.at(workload, "spec", "template", "spec", "containers", "0", "env")?.arrayValue)
            let pairs = env.map { ($0["name"]?.stringValue ?? "", $0["value"]?.stringValue ?? "") }
            #expect(
                pairs.map(\.0) == [
                    "HTTPS_PROXY", "JIRA_PROJECT", "HTTP_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
                ])
            let values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            #expect(values["HTTPS_PROXY"] == "http://other-proxy.example:8080")
            #expect(values["HTTP_PROXY"] == "http://proxy.corp.example:3128")
            #expect(values["https_proxy"] == "http://proxy.corp.example:3128")
            #expect(values["NO_PROXY"] == "localhost,127.0.0.1,::1")
        }
        let open = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.plain)), kind: "Deployment"))
        let openEnv = T.at(open, "spec", "template", "spec", "containers", "0", "env")?.arrayValue ?? []
        #expect(!openEnv.contains { $0["name"]?.stringValue == "HTTP_PROXY" })
    }

    @Test func podmanPlaysNetworkNoneWithoutANetwork() {
        #expect(T.renderer.podmanPlayArguments(T.onPodman(KubernetesFixtures.airgapped)) == ["--network", "none"])
        #expect(T.renderer.podmanPlayArguments(T.onPodman(KubernetesFixtures.allowlist)) == [])
        #expect(T.renderer.podmanPlayArguments(T.onPodman(KubernetesFixtures.plain)) == [])
    }

    @Test func podmanPlayArgumentsCanBeReadBackFromTheRenderedFile() throws {
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.podmanNode) {
            let object = try #require(try T.renderer.renderPodmanKube(placement).first)
            #expect(
                KubernetesRenderer.podmanPlayArguments(manifest: object.bytes)
                    == T.renderer.podmanPlayArguments(placement),
                "\(placement.pod.name)")
        }
        var spoofed = KubernetesFixtures.plain
        spoofed.pod.metadata.annotations = ["agentplane.dev/network-mode": "none"]
        let object = try #require(try T.renderer.renderPodmanKube(T.onPodman(spoofed)).first)
        #expect(
            KubernetesRenderer.podmanPlayArguments(manifest: object.bytes) == [], "the profile decides, not the pod")
    }
}
