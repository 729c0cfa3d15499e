import PlaneModel
import Rendering

/// Placements the Quadlet tests render, one per behaviour the units must show, each on a named
/// case folder under `Snapshots/quadlet/`.
enum QuadletFixtures {
    /// Values no layer may change: specifiers, `$` expansion, quotes, backslashes, a lone `;`
    /// argument, surrounding spaces, unicode.
    static let hostileValues = [
        "%h", "%%", "100%", "$HOME", "${HOME}", "$$", "$", "\"", "'", "\\", "\\\\", "a b", " lead", "trail ",
        ";", "a;b", "; rm -rf /", "\\;", "it's \"quoted\"", "back\\slash", "ends with backslash\\", "\\x41\\n",
        "$(id) `id` *", "=", "a=b=c", "#comment", "[Unit]", "Key=Value", "%n%N%t", "é 世界 🚀", "nbsp\u{00A0}in",
        "\u{00A0}edge\u{2028}", "-", "--flag=x",
    ]

    static let userNode = Fleet.Node(
        name: "laptop", stage: "dev", capabilities: ["nvme"],
        executor: .quadlet(unitDir: "~/.config/containers/systemd", scope: .user, systemctl: ["systemctl", "--user"]))
    static let systemNode = Fleet.Node(
        name: "gpu-box", stage: "prod", capabilities: ["nvme", "gpu"],
        executor: .quadlet(unitDir: "/etc/containers/systemd", scope: .system, systemctl: ["systemctl"]))
    static let directoryNode = Fleet.Node(name: "render-only", stage: "dev", executor: .directory(path: "out"))

    /// Every snapshot case: folder name and placement.
    static var cases: [(name: String, placement: PodPlacement)] {
        [
            ("plain", place(plain, on: userNode)),
            ("llama-sidecar", place(llamaSidecar, on: userNode)),
            ("gpu-system", place(gpu, on: systemNode)),
            ("airgapped", place(airgapped, on: userNode)),
            ("allowlist-proxy", place(allowlist, on: userNode)),
            ("secrets", place(secrets, on: userNode)),
            ("volumes", place(volumes, on: systemNode)),
            ("directory-rootful", place(plain, on: directoryNode, profile: open(rootless: false))),
            ("hostile", place(hostile, on: userNode)),
        ]
    }

    static func place(_ fixture: (pod: AgentPod, profile: Profile), on node: Fleet.Node, profile: Profile? = nil) -> PodPlacement {
        PodPlacement(pod: fixture.pod, bundle: bundle(for: fixture.pod), profile: profile ?? fixture.profile, node: node)
    }

    static func bundle(for pod: AgentPod, maxRunSeconds: Int = 300) -> Bundle {
        Bundle(
            metadata: ObjectMeta(name: pod.spec.bundle), version: "1.0.0",
            spec: Bundle.Spec(pods: [pod.name], maxRunSeconds: maxRunSeconds),
            source: SourceRef(path: "desired/bundles/\(pod.spec.bundle).json"))
    }

    // MARK: - Profiles

    static func profile(_ name: String, _ profileClass: Profile.ProfileClass, _ network: Profile.Network, rootless: Bool = true) -> Profile {
        Profile(
            metadata: ObjectMeta(name: name),
            spec: Profile.Spec(profileClass: profileClass, network: network, containers: Profile.ContainerPolicy(rootless: rootless)),
            source: SourceRef(path: "desired/profiles/\(name).json"))
    }

    static func open(rootless: Bool = true) -> Profile {
        profile("personal", .personal, Profile.Network(mode: .open), rootless: rootless)
    }

    static let airgappedProfile = profile("airgapped", .airgapped, Profile.Network(mode: .none))
    static let corporate = profile(
        "corporate-firewall", .corporateFirewall,
        Profile.Network(
            mode: .allowlist, allow: [Profile.AllowedHost(host: "api.github.com", port: 443)],
            proxy: "http://proxy.corp.example:3128"))

    // MARK: - Pods

    static func agentPod(
        _ name: String, bundle: String = "assistants", profile: String, containers: [AgentPod.Container],
        model: AgentPod.ModelSpec? = nil, volumes: [AgentPod.Volume] = [], replicas: Int = 1,
        restartPolicy: AgentPod.RestartPolicy = .always
    ) -> AgentPod {
        AgentPod(
            metadata: ObjectMeta(name: name),
            spec: AgentPod.Spec(
                bundle: bundle, profile: profile, containers: containers, model: model, volumes: volumes,
                replicas: replicas, restartPolicy: restartPolicy),
            source: SourceRef(path: "desired/agentpods/\(name).json"))
    }

    /// One container with an image, plain env, a published port, CPU and memory.
    static let plain = (
        pod: agentPod(
            "plain", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "agent", image: "ghcr.io/acme/hello-agent:1.2.3",
                    env: [AgentPod.EnvVar(name: "LOG_LEVEL", source: .value("info"))],
                    ports: [AgentPod.Port(name: "http", containerPort: 8080, hostPort: 18080)],
                    resources: Resources(cpu: Quantity("500m"), memory: Quantity("512Mi")))
            ]),
        profile: open()
    )

    /// An agent and a llama.cpp server sharing the pod's loopback; the server's model on a
    /// ram volume, its command in the JSON entrypoint.
    static let llamaSidecar = (
        pod: agentPod(
            "coder", bundle: "coding", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "agent", image: "ghcr.io/acme/coder:2.0.0",
                    args: ["--model-url", "http://127.0.0.1:8081/v1"],
                    env: [AgentPod.EnvVar(name: "OPENAI_BASE_URL", source: .value("http://127.0.0.1:8081/v1"))],
                    ports: [AgentPod.Port(containerPort: 3000, hostPort: 3000)],
                    resources: Resources(cpu: Quantity("1"), memory: Quantity("1Gi"))),
                AgentPod.Container(
                    name: "llama",
                    image: "ghcr.io/ggml-org/llama.cpp@sha256:" + String(repeating: "ab", count: 32),
                    command: ["/app/llama-server"],
                    args: ["--model", "/models/qwen2.5-coder-7b-q4_k_m.gguf", "--port", "8081", "--host", "127.0.0.1"],
                    ports: [AgentPod.Port(name: "api", containerPort: 8081)],
                    resources: Resources(cpu: Quantity("2.5"), memory: Quantity("8Gi"))),
            ],
            model: AgentPod.ModelSpec(provider: "llama.cpp", id: "qwen2.5-coder-7b-q4_k_m", residency: .preferred),
            volumes: [AgentPod.Volume(name: "models", tier: .ram, size: Quantity("6Gi"), mountPath: "/models")]),
        profile: open()
    )

    /// A vLLM server with one GPU on a system-scope node.
    static let gpu = (
        pod: agentPod(
            "vllm", bundle: "inference", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "server", image: "docker.io/vllm/vllm-openai:v0.6.3",
                    args: ["--model", "Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "8192"],
                    ports: [AgentPod.Port(containerPort: 8000, hostPort: 8000)],
                    resources: Resources(cpu: Quantity("4"), memory: Quantity("24Gi"), gpu: 1))
            ],
            model: AgentPod.ModelSpec(provider: "vllm", id: "Qwen/Qwen2.5-7B-Instruct", residency: .required)),
        profile: open(rootless: false)
    )

    /// No network at all; runs once.
    static let airgapped = (
        pod: agentPod(
            "offline", bundle: "batch", profile: "airgapped",
            containers: [
                AgentPod.Container(
                    name: "job", image: "registry.internal:5000/batch/summarise:2024.11",
                    command: ["/bin/sh", "-c"], args: ["summarise /data/in > /data/out"],
                    workingDir: "/data")
            ],
            restartPolicy: .never),
        profile: airgappedProfile
    )

    /// Its own network, the corporate proxy in the environment, restarted on failure.
    static let allowlist = (
        pod: agentPod(
            "triage", bundle: "support", profile: "corporate-firewall",
            containers: [
                AgentPod.Container(
                    name: "bot", image: "ghcr.io/acme/triage-bot:0.9.1",
                    env: [AgentPod.EnvVar(name: "JIRA_URL", source: .value("https://acme.atlassian.net"))])
            ],
            restartPolicy: .onFailure),
        profile: corporate
    )

    /// Secrets by name and by name and key, next to plain values.
    static let secrets = (
        pod: agentPod(
            "mailer", bundle: "assistants", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "agent", image: "quay.io/acme/mailer:3.1",
                    env: [
                        AgentPod.EnvVar(name: "SMTP_HOST", source: .value("smtp.example.org")),
                        AgentPod.EnvVar(name: "SMTP_PASSWORD", source: .secretRef(name: "smtp", key: "password")),
                        AgentPod.EnvVar(name: "API_TOKEN", source: .secretRef(name: "mailer-api-token", key: nil)),
                    ])
            ]),
        profile: open()
    )

    /// One volume of each tier, mounted in both containers.
    static let volumes = (
        pod: agentPod(
            "rag", bundle: "knowledge", profile: "personal",
            containers: [
                AgentPod.Container(name: "indexer", image: "ghcr.io/acme/indexer:1.0"),
                AgentPod.Container(name: "api", image: "ghcr.io/acme/rag-api:1.0"),
            ],
            volumes: [
                AgentPod.Volume(name: "scratch", tier: .ram, size: Quantity("512Mi"), mountPath: "/scratch"),
                AgentPod.Volume(name: "index", tier: .nvme, size: Quantity("100Gi"), mountPath: "/var/lib/index"),
                AgentPod.Volume(name: "corpus", tier: .object, size: Quantity("1Ti"), mountPath: "/corpus"),
            ]),
        profile: open(rootless: false)
    )

    /// Hostile values in env, args (with a lone `;` inside the JSON entrypoint), a working
    /// directory and a mount path.
    static let hostile = (
        pod: agentPod(
            "hostile", profile: "personal",
            containers: [
                AgentPod.Container(
                    name: "args", image: "ghcr.io/acme/echo:1",
                    args: hostileValues.filter { $0 != ";" },
                    env: hostileValues.enumerated().map { AgentPod.EnvVar(name: "V\($0.offset)", source: .value($0.element)) },
                    workingDir: "/work dir/100%/$HOME"),
                AgentPod.Container(
                    name: "shell", image: "ghcr.io/acme/echo:1",
                    command: ["find", "/srv", "-name", "*.tmp", "-exec", "rm", "{}", ";"], args: hostileValues),
            ],
            volumes: [AgentPod.Volume(name: "data", tier: .nvme, size: Quantity("1Gi"), mountPath: "/mnt/my data/%i/${X}")]),
        profile: open()
    )
}
