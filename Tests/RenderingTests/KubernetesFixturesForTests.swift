import PlaneModel
import Rendering

/// Placements the Kubernetes tests render: one per behaviour the manifests must show. Each is
/// available on a `kubernetes` node (namespace `agents`) and on a `podman` node.
enum KubernetesFixtures {
    /// A value no layer may change: shell, systemd, YAML and kubelet syntax, quotes, unicode.
    static let hostileValue =
        #"a $HOME $(FOO) $$ %n %% 'q' "dq" \ back `tick` # x: y, [z] {w} &a *b !c |d >e ~ é 世界"#

    static let clusterNode = Fleet.Node(
        name: "prod-k8s", stage: "prod", capabilities: ["nvme", "gpu"],
        executor: .kubernetes(context: "prod-dc1", namespace: "agents"))
    static let podmanNode = Fleet.Node(
        name: "staging-1", stage: "staging", capabilities: ["nvme", "gpu"], executor: .podman(connection: nil))

    /// Every fixture pod on `node`, in a fixed order.
    static func placements(on node: Fleet.Node) -> [PodPlacement] {
        [plain, llamaSidecar, gpu, airgapped, allowlist, allowlistIP, secrets, volumes].map {
            PodPlacement(pod: $0.pod, bundle: bundle(for: $0.pod), profile: $0.profile, node: node)
        }
    }

    static func bundle(for pod: AgentPod) -> Bundle {
        Bundle(
            metadata: ObjectMeta(name: pod.spec.bundle), version: "1.0.0",
            spec: Bundle.Spec(pods: [pod.name], maxRunSeconds: 120), source: SourceRef(path: "desired/bundles/b.json"))
    }

    // MARK: - Profiles

    static func profile(_ name: String, _ network: Profile.Network, rootless: Bool = true) -> Profile {
        Profile(
            metadata: ObjectMeta(name: name),
            spec: Profile.Spec(
                profileClass: .personal, network: network,
                containers: Profile.ContainerPolicy(rootless: rootless)),
            source: SourceRef(path: "desired/profiles/\(name).json"))
    }

    static let open = profile("personal", Profile.Network(mode: .open), rootless: false)
    static let none = profile("airgapped", Profile.Network(mode: .none))
    static let corporate = profile(
        "corporate-firewall",
        Profile.Network(
            mode: .allowlist,
            allow: [
                Profile.AllowedHost(host: "api.github.com", port: 443),
                Profile.AllowedHost(host: "*.atlassian.net", port: 443),
                Profile.AllowedHost(host: "pypi.org"),
            ],
            proxy: "http://proxy.corp.example:3128"))
    static let corporateIP = profile(
        "corporate-ip",
        Profile.Network(
            mode: .allowlist, allow: [Profile.AllowedHost(host: "api.github.com", port: 443)],
            proxy: "http://10.20.30.40:3128/"))

    static func agentPod(
        _ name: String, bundle: String = "assistants", profile: String, labels: [String: String] = [:],
        containers: [AgentPod.Container], model: AgentPod.ModelSpec? = nil, volumes: [AgentPod.Volume] = [],
        agent: AgentPod.AgentIdentity? = nil, replicas: Int = 1, restartPolicy: AgentPod.RestartPolicy = .always
    ) -> AgentPod {
        AgentPod(
            metadata: ObjectMeta(name: name, labels: labels),
            spec: AgentPod.Spec(
                bundle: bundle, profile: profile, agent: agent, containers: containers, model: model,
                volumes: volumes, replicas: replicas, restartPolicy: restartPolicy),
            source: SourceRef(path: "desired/agentpods/\(name).json"))
    }

    // MARK: - Pods

    /// One container: command, args, plain env, a port with a host port, CPU and memory.
    static let plain = (
        pod: agentPod(
            "plain", profile: "personal", labels: ["team": "platform"],
            containers: [
                AgentPod.Container(
                    name: "agent", image: "ghcr.io/acme/hello-agent:1.2.3",
                    command: ["/usr/bin/agent"], args: ["--listen", "0.0.0.0:8080", "--verbose"],
                    env: [
                        AgentPod.EnvVar(name: "LOG_LEVEL", source: .value("info")),
                        AgentPod.EnvVar(name: "GREETING", source: .value("yes")),
                        AgentPod.EnvVar(name: "ZERO_PADDED", source: .value("007")),
                        AgentPod.EnvVar(name: "EMPTY", source: .value("")),
                    ],
                    ports: [AgentPod.Port(name: "http", containerPort: 8080, hostPort: 18080)],
                    resources: Resources(cpu: Quantity("500m"), memory: Quantity("256Mi")))
            ],
            agent: AgentPod.AgentIdentity(
                id: "urn:agentplane:agent:plain",
                delegation: AgentPod.Delegation(
                    principal: "user:alice@example.com", scopes: ["repo:read", "web:read"],
                    expires: "2030-12-31T23:59:59Z"))),
        profile: open
    )

    /// An agent and a llama.cpp server side by side on loopback, restart on failure, nvme models.
    static let llamaSidecar = (
        pod: agentPod(
            "research", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "agent", image: "ghcr.io/acme/research-agent:0.4.1",
                    args: ["--model-url", "http://127.0.0.1:8080/v1", "--workspace", "/models"],
                    env: [AgentPod.EnvVar(name: "MODEL_BASE_URL", source: .value("http://127.0.0.1:8080/v1"))],
                    resources: Resources(cpu: Quantity("500m"), memory: Quantity("512Mi")), workingDir: "/models"),
                AgentPod.Container(
                    name: "model", image: "ghcr.io/ggml-org/llama.cpp:server",
                    args: ["-m", "/models/qwen2.5-7b-instruct-q4_k_m.gguf", "--host", "127.0.0.1", "--port", "8080"],
                    ports: [AgentPod.Port(name: "llama", containerPort: 8080)],
                    resources: Resources(cpu: Quantity("2"), memory: Quantity("6Gi"))),
            ],
            model: AgentPod.ModelSpec(provider: "llama.cpp", id: "qwen2.5-7b-instruct-q4_k_m", residency: .preferred),
            volumes: [AgentPod.Volume(name: "models", tier: .nvme, size: Quantity("20Gi"), mountPath: "/models")],
            restartPolicy: .onFailure),
        profile: open
    )

    /// A vLLM server asking for one GPU.
    static let gpu = (
        pod: agentPod(
            "vllm", bundle: "inference", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "server", image: "docker.io/vllm/vllm-openai:v0.6.3",
                    args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"],
                    ports: [
                        AgentPod.Port(name: "openai", containerPort: 8000),
                        AgentPod.Port(containerPort: 9000, protocol: .udp),
                    ],
                    resources: Resources(cpu: Quantity("4"), memory: Quantity("24Gi"), gpu: 1))
            ],
            model: AgentPod.ModelSpec(provider: "vllm", id: "llama-3.1-8b-instruct", residency: .required),
            volumes: [AgentPod.Volume(name: "models", tier: .nvme, size: Quantity("50Gi"), mountPath: "/models")]),
        profile: open
    )

    /// No network at all, run once, a RAM scratch volume.
    static let airgapped = (
        pod: agentPod(
            "summarizer", profile: "airgapped",
            containers: [
                AgentPod.Container(
                    name: "summarizer",
                    image: "registry.airgap.example:5000/acme/summarizer:2.0.0@sha256:"
                        + "3f1c9a6e0b7d4c2a8e5f1b3d7a9c0e2f4b6d8a1c3e5f7092b4d6f8a0c2e4b6d8",
                    command: ["/usr/local/bin/summarize"], args: ["--input", "/scratch"],
                    env: [AgentPod.EnvVar(name: "MODE", source: .value("offline"))],
                    resources: Resources(cpu: Quantity("2"), memory: Quantity("4Gi")))
            ],
            model: AgentPod.ModelSpec(provider: "llama.cpp", id: "phi-3.5-mini-instruct-q4_k_m"),
            volumes: [AgentPod.Volume(name: "scratch", tier: .ram, size: Quantity("1Gi"), mountPath: "/scratch")],
            restartPolicy: .never),
        profile: none
    )

    /// Egress through a proxy named by host; two replicas; one container sets HTTPS_PROXY itself.
    static let allowlist = (
        pod: agentPod(
            "triage", bundle: "engineering", profile: "corporate-firewall",
            containers: [
                AgentPod.Container(
                    name: "triage", image: "ghcr.io/acme/ticket-triage:0.9.2",
                    env: [
                        AgentPod.EnvVar(name: "HTTPS_PROXY", source: .value("http://other-proxy.example:8080")),
                        AgentPod.EnvVar(name: "JIRA_PROJECT", source: .value("OPS")),
                    ],
                    resources: Resources(cpu: Quantity("500m"), memory: Quantity("512Mi")))
            ],
            model: AgentPod.ModelSpec(provider: "hosted:azure-openai", id: "gpt-4o-mini"),
            replicas: 2),
        profile: corporate
    )

    /// Egress through a proxy named by IP address (so the policy can name the address).
    static let allowlistIP = (
        pod: agentPod(
            "reviewer", bundle: "engineering", profile: "corporate-ip",
            containers: [
                AgentPod.Container(
                    name: "reviewer", image: "ghcr.io/acme/code-reviewer:1.8.0",
                    env: [AgentPod.EnvVar(name: "REVIEW_MODE", source: .value("comment"))])
            ]),
        profile: corporateIP
    )

    /// Secret references with and without a key, and hostile literal values.
    static let secrets = (
        pod: agentPod(
            "secrets", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "app", image: "ghcr.io/acme/secrets-app:1.0.0",
                    command: ["/bin/app", hostileValue], args: ["--flag=$(FOO)", "$$"],
                    env: [
                        AgentPod.EnvVar(name: "FOO", source: .value("foo")),
                        AgentPod.EnvVar(name: "GITHUB_TOKEN", source: .secretRef(name: "github-token", key: nil)),
                        AgentPod.EnvVar(name: "JIRA_API_TOKEN", source: .secretRef(name: "jira", key: "api-token")),
                        AgentPod.EnvVar(name: "HOSTILE", source: .value(hostileValue)),
                        AgentPod.EnvVar(name: "LOOKS_LIKE_BOOL", source: .value("on")),
                        AgentPod.EnvVar(name: "LOOKS_LIKE_NULL", source: .value("~")),
                        AgentPod.EnvVar(name: "SPACES", source: .value("  padded  ")),
                    ])
            ]),
        profile: open
    )

    /// One volume of each tier.
    static let volumes = (
        pod: agentPod(
            "volumes", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "worker", image: "ghcr.io/acme/worker:3.1.0",
                    resources: Resources(memory: Quantity("2Gi")), workingDir: "/work")
            ],
            volumes: [
                AgentPod.Volume(name: "work", tier: .nvme, size: Quantity("10Gi"), mountPath: "/work"),
                AgentPod.Volume(name: "cache", tier: .ram, size: Quantity("512Mi"), mountPath: "/cache"),
                AgentPod.Volume(name: "archive", tier: .object, size: Quantity("1Ti"), mountPath: "/archive"),
            ]),
        profile: open
    )
}
