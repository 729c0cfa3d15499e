import Formats
import Foundation

/// A generated desired-state tree: `count` AgentPods, the bundles and profiles they name, and a
/// fleet of `nodeCount` directory-executor nodes in one stage, every document valid per
/// `schemas/` and the semantic rules (no host ports, capacities far above the demand).
///
/// Deterministic: the same counts and seed give the same bytes.
struct Corpus {
    var podCount: Int
    var nodeCount: Int
    var bundleCount = 100
    var seed: UInt64 = 0x6167_656E_7470_6C61

    /// The three profiles, by index: open network, corporate allowlist with a proxy, no network.
    static let profileNames = ["open-net", "firewall", "offline"]

    static func podName(_ index: Int) -> String { "agent-\(pad(index, 5))" }
    static func bundleName(_ index: Int) -> String { "bundle-\(pad(index, 3))" }
    static func nodeName(_ index: Int) -> String { "node-\(pad(index, 4))" }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Every file, as (repository-relative path, bytes), in path order.
    func files() -> [(path: String, bytes: [UInt8])] {
        let writer = JSONWriter(sortedKeys: false, pretty: true)
        var random = SplitMix64(seed: seed)
        var out: [(String, [UInt8])] = []
        for index in 0..<podCount {
            out.append(("desired/agentpods/\(Self.podName(index)).json", writer.encode(pod(index, &random))))
        }
        for index in 0..<bundleCount {
            out.append(("desired/bundles/\(Self.bundleName(index)).json", writer.encode(bundle(index))))
        }
        for (index, name) in Self.profileNames.enumerated() {
            out.append(("desired/profiles/\(name).json", writer.encode(profile(index, name: name))))
        }
        out.append(("fleet/inventory.json", writer.encode(fleet())))
        return out.sorted { $0.0 < $1.0 }
    }

    /// Writes every file under `root` (creating folders).
    func write(to root: String) throws {
        let manager = FileManager.default
        for folder in ["desired/agentpods", "desired/bundles", "desired/profiles", "fleet"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for (path, bytes) in files() {
            try PlainFile.write(bytes, to: root + "/" + path)
        }
    }

    // MARK: - AgentPod

    private func pod(_ index: Int, _ random: inout SplitMix64) -> JSONValue {
        let name = Self.podName(index)
        let profileIndex = index % 3
        let profile = Self.profileNames[profileIndex]
        var env: [JSONValue] = [
            .object([("name", "LOG_LEVEL"), ("value", .string(random.pick(["debug", "info", "warn"])))]),
            .object([("name", "WORKER_ID"), ("value", .string(String(index)))]),
            .object([("name", "API_TOKEN"), ("secretRef", .object([("name", .string("\(name)-token"))]))]),
        ]
        if random.chance(50) {
            env.append(.object([("name", "GREETING"), ("value", .string("hello from \(name): 100% ready, $HOME stays"))]))
        }
        var main: [(String, JSONValue)] = [
            ("name", "main"),
            ("image", .string("ghcr.io/acme/agent-\(index % 37):1.\(index % 11).\(random.below(9))")),
            ("command", ["/app/agent"]),
            ("args", .array(of: ["--worker", .string(String(index)), "--queue", .string("q-\(index % 13)")])),
            ("env", .array(of: env)),
            (
                "resources",
                .object([
                    ("cpu", .string(random.pick(["100m", "250m", "500m"]))),
                    ("memory", .string(random.pick(["128Mi", "256Mi", "512Mi"]))),
                ])
            ),
        ]
        if profileIndex != 2 && random.chance(40) {
            main.append(("ports", [.object([("name", "http"), ("containerPort", .number(8080))])]))
        }
        var containers: [JSONValue] = [.object(main)]
        var spec: [(String, JSONValue)] = [
            ("bundle", .string(Self.bundleName(index % bundleCount))),
            ("profile", .string(profile)),
            (
                "agent",
                .object([
                    ("id", .string("urn:agentplane:agent:\(name)")),
                    (
                        "delegation",
                        .object([
                            ("principal", .string("team:team-\(index % 20)")),
                            ("scopes", ["repo:read", "tickets:write"]),
                            ("expires", "2031-01-01T00:00:00Z"),
                        ])
                    ),
                ])
            ),
        ]
        let (provider, model) = modelFor(profileIndex: profileIndex, &random)
        if provider == "llama.cpp" {
            containers.append(
                .object([
                    ("name", "model"),
                    ("image", "ghcr.io/acme/llama-server:b4000"),
                    ("args", ["--model", "/models/qwen2.5-7b.gguf", "--port", "8081"]),
                    ("resources", .object([("cpu", "2"), ("memory", "4Gi")])),
                ]))
        }
        spec.append(("containers", .array(of: containers)))
        spec.append(("model", .object([("provider", .string(provider)), ("id", .string(model)), ("residency", "none")])))
        var volumes: [JSONValue] = []
        if index % 4 == 0 {
            volumes.append(.object([("name", "cache"), ("tier", "nvme"), ("size", "2Gi"), ("mountPath", "/var/cache/agent")]))
        }
        if index % 7 == 0 {
            volumes.append(.object([("name", "scratch"), ("tier", "ram"), ("size", "256Mi"), ("mountPath", "/scratch")]))
        }
        if !volumes.isEmpty { spec.append(("volumes", .array(of: volumes))) }
        let tools = profileIndex == 2 ? ["filesystem"] : ["git", "web-search"]
        spec.append(
            ("tools", .array(of: tools.map { .object([("name", .string($0)), ("scope", .string("team-\(index % 20)/*"))]) })))
        var placement: [(String, JSONValue)] = [("runtime", "any")]
        if index % 5 == 1 { placement.append(("nodeSelector", .object([("zone", .string("z\(index % 10)"))]))) }
        spec.append(("placement", .object(placement)))
        spec.append(("restartPolicy", .string(index % 3 == 0 ? "on-failure" : "always")))
        return .object([
            ("$schema", "../../schemas/agentpod.schema.json"),
            ("apiVersion", "agentplane.dev/v1alpha1"),
            ("kind", "AgentPod"),
            (
                "metadata",
                .object([
                    ("name", .string(name)),
                    (
                        "labels",
                        .object([
                            ("team", .string("team-\(index % 20)")), ("tier", .string(random.pick(["batch", "interactive"]))),
                        ])
                    ),
                ])
            ),
            ("spec", .object(spec)),
        ])
    }

    private func modelFor(profileIndex: Int, _ random: inout SplitMix64) -> (String, String) {
        switch profileIndex {
        case 0: random.chance(50) ? ("hosted:openai", "gpt-4o-mini") : ("ollama", "llama3.1:8b")
        case 1: random.chance(50) ? ("hosted:azure-openai", "gpt-4o") : ("vllm", "llama-3.1-8b-instruct")
        default: ("llama.cpp", "qwen2.5-7b-instruct-q4_k_m")
        }
    }

    // MARK: - Bundle, Profile, Fleet

    private func bundle(_ index: Int) -> JSONValue {
        let pods = stride(from: index, to: podCount, by: bundleCount).map { JSONValue.string(Self.podName($0)) }
        return .object([
            ("$schema", "../../schemas/bundle.schema.json"),
            ("apiVersion", "agentplane.dev/v1alpha1"),
            ("kind", "Bundle"),
            (
                "metadata",
                .object([
                    ("name", .string(Self.bundleName(index))),
                    ("version", .string("1.0.\(index)")),
                    ("licensePolicy", .object([("allowAGPL", false)])),
                ])
            ),
            (
                "spec",
                .object([
                    ("pods", .array(of: pods)),
                    ("policy", .object([("maxRunSeconds", .number(600))])),
                    ("components", [.object([("name", "agent"), ("license", "Apache-2.0")])]),
                ])
            ),
        ])
    }

    private func profile(_ index: Int, name: String) -> JSONValue {
        let classes = ["personal", "corporate-firewall", "airgapped"]
        let network: JSONValue
        let models: JSONValue
        let tools: [JSONValue]
        switch index {
        case 0:
            network = .object([("mode", "open")])
            models = .object([("allowedProviders", ["hosted:openai", "ollama"]), ("hostedAllowed", true)])
            tools = ["git", "web-search"]
        case 1:
            network = .object([
                ("mode", "allowlist"),
                (
                    "allow",
                    [
                        .object([("host", "api.github.com"), ("port", 443)]),
                        .object([("host", "*.openai.azure.com"), ("port", 443)]),
                    ]
                ),
                ("proxy", "http://proxy.corp.example:3128"),
            ])
            models = .object([("allowedProviders", ["hosted:azure-openai", "vllm"]), ("hostedAllowed", true)])
            tools = ["git", "web-search"]
        default:
            network = .object([("mode", "none")])
            models = .object([("allowedProviders", ["llama.cpp"]), ("hostedAllowed", false)])
            tools = ["filesystem"]
        }
        return .object([
            ("$schema", "../../schemas/profile.schema.json"),
            ("apiVersion", "agentplane.dev/v1alpha1"),
            ("kind", "Profile"),
            ("metadata", .object([("name", .string(name))])),
            (
                "spec",
                .object([
                    ("class", .string(classes[index])),
                    ("network", network),
                    ("models", models),
                    ("tools", .object([("allow", .array(of: tools))])),
                    (
                        "containers",
                        .object([
                            ("allowedRegistries", ["ghcr.io/acme"]), ("requireDigest", false), ("privileged", false),
                            ("rootless", true),
                        ])
                    ),
                    (
                        "budget",
                        .object([
                            ("cpu", "8"), ("memory", "32Gi"), ("gpu", 0), ("disk", "200Gi"), ("maxRunSeconds", 3600),
                            ("concurrency", 4),
                        ])
                    ),
                ])
            ),
        ])
    }

    private func fleet() -> JSONValue {
        let nodes: [JSONValue] = (0..<nodeCount).map { index in
            let name = Self.nodeName(index)
            return .object([
                ("name", .string(name)),
                ("stage", "dev"),
                ("labels", .object([("zone", .string("z\(index % 10)")), ("rack", .string("r\(index % 50)"))])),
                ("capabilities", index % 2 == 0 ? ["nvme"] : []),
                ("capacity", .object([("cpu", "256"), ("memory", "1Ti"), ("gpu", 0), ("disk", "100Ti")])),
                ("executor", .object([("type", "directory"), ("path", .string("nodes/\(name)"))])),
            ])
        }
        return .object([
            ("$schema", "../schemas/fleet.schema.json"),
            ("apiVersion", "agentplane.dev/v1alpha1"),
            ("kind", "Fleet"),
            ("metadata", .object([("name", "bench-fleet")])),
            ("spec", .object([("stages", ["dev"]), ("nodes", .array(of: nodes))])),
        ])
    }
}
