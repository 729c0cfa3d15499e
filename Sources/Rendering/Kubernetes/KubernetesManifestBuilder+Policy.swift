import Formats
import PlaneModel

/// The pod's identity and network fence: a ServiceAccount and a NetworkPolicy from the profile.
extension KubernetesManifestBuilder {
    /// A ServiceAccount named after the pod, with no API token mounted; the agent identity and
    /// delegation of `spec.agent` are recorded as annotations.
    func serviceAccount(_ digest: String?) -> JSONValue {
        var annotations: [String: String] = [:]
        if let agent = pod.spec.agent {
            annotations["agentplane.dev/agent-id"] = agent.id
            if let delegation = agent.delegation {
                annotations["agentplane.dev/delegation-principal"] = delegation.principal
                annotations["agentplane.dev/delegation-scopes"] = delegation.scopes.joined(separator: ",")
                if let expires = delegation.expires {
                    annotations["agentplane.dev/delegation-expires"] = expires
                }
            }
        }
        return .object([
            ("apiVersion", "v1"),
            ("kind", "ServiceAccount"),
            ("metadata", metadata(name: podName, annotations: annotations, digest: digest)),
            ("automountServiceAccountToken", false),
        ])
    }

    /// Open profiles get no policy; the others get one.
    var needsNetworkPolicy: Bool { profile.spec.network.mode != .open }

    /// The namespace whose pods answer DNS (`kubernetes.io/metadata.name` is set on every
    /// namespace since Kubernetes 1.22).
    static let dnsNamespace = "kube-system"

    /// Network mode none: no ingress, no egress. Allowlist: ingress as usual, egress only to
    /// the proxy (by address when the proxy host is an IP literal, else by port: a NetworkPolicy
    /// cannot name hosts) and to DNS in kube-system. The allowed hosts and the proxy are
    /// recorded in annotations, for readers and for the proxy's own configuration.
    func networkPolicy(_ digest: String?) -> JSONValue {
        let podSelector: JSONValue = ["matchLabels": selectorLabels]
        var annotations: [String: String] = ["agentplane.dev/network-mode": profile.spec.network.mode.rawValue]
        var spec: [(String, JSONValue)] = [("podSelector", podSelector)]
        if let proxy {
            annotations["agentplane.dev/egress-proxy"] = proxy.url
            annotations["agentplane.dev/egress-allow"] = profile.spec.network.allow
                .map { allowed in allowed.port.map { "\(allowed.host):\($0)" } ?? allowed.host }
                .sorted()
                .joined(separator: ",")
            var proxyRule: [(String, JSONValue)] = []
            if let cidr = proxy.cidr {
                proxyRule.append(("to", [["ipBlock": ["cidr": .string(cidr)]]]))
            }
            proxyRule.append(("ports", [.object([("protocol", "TCP"), ("port", .number(proxy.port))])]))
            let dnsRule: JSONValue = .object([
                (
                    "to",
                    [
                        [
                            "namespaceSelector": [
                                "matchLabels": ["kubernetes.io/metadata.name": .string(Self.dnsNamespace)]
                            ]
                        ]
                    ]
                ),
                (
                    "ports",
                    [
                        .object([("protocol", "UDP"), ("port", 53)]),
                        .object([("protocol", "TCP"), ("port", 53)]),
                    ]
                ),
            ])
            spec.append(("policyTypes", ["Egress"]))
            spec.append(("egress", .array(of: [.object(proxyRule), dnsRule])))
        } else {
            spec.append(("policyTypes", ["Ingress", "Egress"]))
        }
        return .object([
            ("apiVersion", "networking.k8s.io/v1"),
            ("kind", "NetworkPolicy"),
            ("metadata", metadata(name: podName, annotations: annotations, digest: digest)),
            ("spec", .object(spec)),
        ])
    }
}
