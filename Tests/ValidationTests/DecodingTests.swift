import DesiredState
import Foundation
import Formats
import PlaneModel
import Testing

/// The desired-state Bundle, not Foundation's.
private typealias Bundle = PlaneModel.Bundle

/// `DocumentDecoder`: the example documents decode to the values they spell out, defaults are
/// applied, and anything malformed becomes a `decode` diagnostic with file, line, column and
/// JSON pointer — never a crash.
@Suite struct DecodingTests {
    // MARK: - The repository's example state

    @Test func examplePodsDecodeToTheirValues() throws {
        let research = try pod("desired/agentpods/research-assistant.json")
        #expect(research.name == "research-assistant")
        #expect(research.source == SourceRef(path: "desired/agentpods/research-assistant.json", line: 1, column: 1))
        #expect(research.metadata.labels == ["team": "research"])
        #expect(research.spec.bundle == "assistants")
        #expect(research.spec.profile == "personal")
        #expect(research.spec.agent?.id == "urn:agentplane:agent:research-assistant")
        #expect(research.spec.agent?.delegation?.principal == "user:alice@example.com")
        #expect(research.spec.agent?.delegation?.scopes == ["web:read", "workspace:write"])
        #expect(research.spec.agent?.delegation?.expires == "2030-12-31T23:59:59Z")
        #expect(research.spec.containers.map(\.name) == ["agent", "model"])
        let agent = try #require(research.spec.containers.first)
        #expect(agent.image == "ghcr.io/acme/research-agent:0.4.1")
        #expect(agent.workingDir == "/workspace")
        #expect(agent.env == [
            AgentPod.EnvVar(name: "LOG_LEVEL", source: .value("info")),
            AgentPod.EnvVar(name: "MODEL_BASE_URL", source: .value("http://127.0.0.1:8080/v1")),
        ])
        #expect(agent.ports == [AgentPod.Port(name: "http", containerPort: 8081, hostPort: 8081, protocol: .tcp)])
        #expect(agent.resources == Resources(cpu: Quantity("500m"), memory: Quantity("512Mi")))
        let sidecar = try #require(research.spec.containers.last)
        #expect(sidecar.image == "ghcr.io/ggml-org/llama.cpp:server")
        #expect(sidecar.args.first == "-m")
        #expect(sidecar.command == [])
        #expect(research.spec.model == AgentPod.ModelSpec(provider: "llama.cpp", id: "qwen2.5-7b-instruct-q4_k_m", residency: .preferred))
        #expect(research.spec.volumes == [
            AgentPod.Volume(name: "models", tier: .nvme, size: Quantity("20Gi"), mountPath: "/models"),
            AgentPod.Volume(name: "workspace", tier: .nvme, size: Quantity("10Gi"), mountPath: "/workspace"),
        ])
        #expect(research.spec.tools == [
            AgentPod.ToolGrant(name: "web-search", scope: "read"), AgentPod.ToolGrant(name: "filesystem", scope: "/workspace"),
        ])
        #expect(research.spec.restartPolicy == .onFailure)
        #expect(research.spec.replicas == 1)
        #expect(research.spec.placement == AgentPod.PlacementSpec())

        let reviewer = try pod("desired/agentpods/code-reviewer.json")
        #expect(reviewer.spec.containers.first?.env.first == AgentPod.EnvVar(name: "GITHUB_TOKEN", source: .secretRef(name: "github-token", key: nil)))
        #expect(reviewer.spec.model?.isHosted == true)

        let triage = try pod("desired/agentpods/ticket-triage.json")
        #expect(triage.spec.containers.first?.env.first == AgentPod.EnvVar(name: "JIRA_API_TOKEN", source: .secretRef(name: "jira", key: "api-token")))
        #expect(triage.spec.replicas == 2)
        #expect(triage.spec.placement == AgentPod.PlacementSpec(runtime: .any, nodeSelector: ["tier": "general"]))
        #expect(triage.spec.model?.residency == AgentPod.Residency.none)

        let vllm = try pod("desired/agentpods/vllm-inference.json")
        #expect(vllm.spec.containers.first?.resources == Resources(cpu: Quantity("4"), memory: Quantity("24Gi"), gpu: 1))
        #expect(vllm.spec.placement.requires == ["gpu"])

        let offline = try pod("desired/agentpods/offline-summarizer.json")
        #expect(offline.spec.profile == "airgapped")
        #expect(offline.spec.restartPolicy == .never)
        #expect(offline.spec.agent == AgentPod.AgentIdentity(id: "urn:agentplane:agent:offline-summarizer"))
        #expect(offline.spec.volumes.first?.tier == .ram)
    }

    @Test func exampleBundlesDecodeToTheirValues() throws {
        let assistants = try bundle("desired/bundles/assistants.json")
        #expect(assistants.name == "assistants")
        #expect(assistants.version == "1.4.0")
        #expect(assistants.allowAGPL == false)
        #expect(assistants.spec.pods == ["hello-agent", "offline-summarizer", "research-assistant"])
        #expect(assistants.spec.maxRunSeconds == 600)
        #expect(assistants.spec.dependsOn == ["inference"])
        #expect(assistants.spec.smoke == [
            Bundle.SmokeCheck(name: "hello-echo", pod: "hello-agent", exec: ["sh", "-c", "echo ok"], timeoutSeconds: 10),
            Bundle.SmokeCheck(
                name: "llama-health", pod: "research-assistant", container: "model",
                exec: ["curl", "-fsS", "http://127.0.0.1:8080/health"], timeoutSeconds: 30),
        ])
        #expect(assistants.spec.components.map(\.license) == ["GPL-2.0-only", "MIT", "Apache-2.0", "MIT OR Apache-2.0"])

        let inference = try bundle("desired/bundles/inference.json")
        #expect(inference.spec.dependsOn == [])
        #expect(inference.spec.maxRunSeconds == 900)
    }

    @Test func exampleProfilesDecodeToTheirValues() throws {
        let corporate = try profile("desired/profiles/corporate-firewall.json")
        #expect(corporate.spec.profileClass == .corporateFirewall)
        #expect(corporate.spec.network.mode == .allowlist)
        #expect(corporate.spec.network.proxy == "http://proxy.corp.example:3128")
        #expect(corporate.spec.network.allow.first == Profile.AllowedHost(host: "api.github.com", port: 443))
        #expect(corporate.spec.models.hostedAllowed)
        #expect(corporate.spec.containers.allowedRegistries == ["ghcr.io/acme", "docker.io/library"])
        #expect(corporate.spec.budget.maxRunSeconds == 1800)
        #expect(corporate.spec.budget.memory == Quantity("32Gi"))
        #expect(corporate.spec.toolsAllow == ["git", "github", "jira", "web-search"])

        let airgapped = try profile("desired/profiles/airgapped.json")
        #expect(airgapped.spec.profileClass == .airgapped)
        #expect(airgapped.spec.network == Profile.Network(mode: .none))
        #expect(airgapped.spec.containers.requireDigest)
        #expect(airgapped.spec.models == Profile.Models(allowedProviders: ["llama.cpp"], hostedAllowed: false))
    }

    @Test func exampleFleetDecodesEveryExecutor() throws {
        let fleet = try decodeFile("fleet/inventory.json", as: Fleet.self)
        #expect(fleet.metadata.name == "acme-lab")
        #expect(fleet.stages == ["dev", "staging", "prod"])
        #expect(fleet.nodes.map(\.name) == ["dev-1", "dev-gpu-1", "dev-podman", "dev-laptop", "staging-1", "prod-gpu-1", "prod-k8s"])
        #expect(fleet.nodes.map(\.executor) == [
            .directory(path: "nodes/dev-1"),
            .quadlet(unitDir: "/etc/containers/systemd", scope: .system, systemctl: ["systemctl"]),
            .podman(connection: nil),
            .quadlet(unitDir: "/home/alice/.config/containers/systemd", scope: .user, systemctl: ["systemctl"]),
            .podman(connection: "staging-1"),
            .quadlet(unitDir: "/etc/containers/systemd", scope: .system, systemctl: ["systemctl"]),
            .kubernetes(context: "prod-dc1", namespace: "agents"),
        ])
        let gpu = try #require(fleet.nodes.first { $0.name == "dev-gpu-1" })
        #expect(gpu.capabilities == ["gpu", "nvme"])
        #expect(gpu.capacity == Resources(cpu: Quantity("16"), memory: Quantity("64Gi"), gpu: 2, disk: Quantity("1Ti")))
        #expect(gpu.residentModels == ["llama-3.1-8b-instruct", "qwen2.5-7b-instruct-q4_k_m"])
        #expect(gpu.profiles == ["gpu-inference", "personal"])
        #expect(fleet.nodes.first?.profiles == [])
    }

    @Test func everyExampleDocumentDecodes() throws {
        for root in ["", "examples/large-fleet/"] {
            var documents = DesiredDocuments()
            for path in try Self.documentPaths(under: root) {
                let node = try Self.parse(path)
                switch DocumentDecoder.decode(node, path: path, expecting: Self.kind(of: path)) {
                case .success(let document): documents.insert(document)
                case .failure(let failure): Issue.record("\(failure)")
                }
            }
            #expect(documents.fleet != nil, "\(root)fleet/inventory.json")
            if root.isEmpty {
                #expect(documents.pods.count == 6)
                #expect(documents.bundles.count == 3)
                #expect(documents.profiles.count == 4)
            } else {
                #expect(documents.pods.count == 30)
                #expect(documents.fleet?.nodes.count == 23)
            }
        }
    }

    // MARK: - Defaults

    @Test func defaultsAreApplied() throws {
        let pod = try decode(
            """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "AgentPod", "metadata": {"name": "p"},
             "spec": {"bundle": "b", "profile": "q",
                      "containers": [{"name": "c", "image": "docker.io/library/busybox:1.36",
                                      "ports": [{"containerPort": 80}]}],
                      "model": {"provider": "ollama", "id": "llama3"}}}
            """, as: AgentPod.self)
        #expect(pod.spec.replicas == 1)
        #expect(pod.spec.restartPolicy == .always)
        #expect(pod.spec.placement.runtime == .any)
        #expect(pod.spec.containers.first?.ports.first?.protocol == .tcp)
        #expect(pod.spec.model?.residency == AgentPod.Residency.none)
        #expect(pod.metadata.labels == [:])

        let bundle = try decode(
            """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "Bundle", "metadata": {"name": "b", "version": "1"},
             "spec": {"pods": ["p"], "policy": {"maxRunSeconds": 60},
                      "smoke": [{"name": "s", "pod": "p", "exec": ["true"]}]}}
            """, as: Bundle.self)
        #expect(bundle.spec.smoke.first?.timeoutSeconds == 30)
        #expect(bundle.allowAGPL == false)

        let fleet = try decode(
            """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "Fleet", "metadata": {"name": "f"},
             "spec": {"stages": ["dev"], "nodes": [
               {"name": "n", "stage": "dev", "executor": {"type": "quadlet", "unitDir": "units", "scope": "user"}}]}}
            """, as: Fleet.self)
        #expect(fleet.nodes.first?.executor == .quadlet(unitDir: "units", scope: .user, systemctl: ["systemctl"]))
        #expect(fleet.nodes.first?.capacity == Resources())

        let profile = try decode(
            """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "Profile", "metadata": {"name": "o"},
             "spec": {"class": "personal", "network": {"mode": "open"}}}
            """, as: Profile.self)
        #expect(profile.spec.containers == Profile.ContainerPolicy(allowedRegistries: [], requireDigest: false, privileged: false, rootless: true))
        #expect(profile.spec.models == Profile.Models(allowedProviders: [], hostedAllowed: false))
        #expect(profile.spec.budget == Profile.Budget())
    }

    // MARK: - Diagnostics

    @Test func wrongTypedFieldIsADecodeDiagnostic() {
        let messages = failures(
            """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "AgentPod",
              "metadata": {"name": "web"},
              "spec": {
                "bundle": "core",
                "profile": "personal",
                "containers": [
                  {"name": "main", "image": 1.36}
                ]
              }
            }
            """)
        #expect(messages == ["desired/agentpods/web.json:9:33: error: /spec/containers/0/image: expected string, got number"])
    }

    @Test func everyProblemIsReportedInSourceOrder() throws {
        let result = DocumentDecoder.decode(
            try JSONReader.parse(
                """
                {
                  "apiVersion": "agentplane.dev/v2",
                  "kind": "AgentPod",
                  "metadata": {"name": "web", "labels": {"team": 7}},
                  "spec": {
                    "bundle": "core",
                    "containers": [
                      {"name": "main", "image": "docker.io/library/busybox:1.36", "imagePullPolicy": "Always",
                       "env": [{"name": "A", "value": "1", "secretRef": {"name": "s"}}, {"name": "B"}],
                       "ports": [{"containerPort": "80", "protocol": "sctp"}]}
                    ],
                    "replicas": 1.5,
                    "restartPolicy": "OnFailure",
                    "placement": {"runtime": "docker", "requires": "gpu"}
                  }
                }
                """), path: "p.json")
        guard case .failure(let failure) = result else {
            Issue.record("decoded a broken document")
            return
        }
        #expect(failure.diagnostics.allSatisfy { $0.code == "decode" && $0.file == "p.json" && $0.severity == .error })
        #expect(failure.diagnostics.map(\.formatted) == [
            "p.json:2:17: error: /apiVersion: unsupported apiVersion \"agentplane.dev/v2\" (expected \"agentplane.dev/v1alpha1\")",
            "p.json:4:50: error: /metadata/labels/team: expected string, got number",
            "p.json:5:11: error: /spec: missing required property \"profile\"",
            "p.json:8:67: error: /spec/containers/0/imagePullPolicy: unknown property \"imagePullPolicy\"",
            "p.json:9:16: error: /spec/containers/0/env/0: set either \"value\" or \"secretRef\", not both",
            "p.json:9:73: error: /spec/containers/0/env/1: needs \"value\" or \"secretRef\"",
            "p.json:10:36: error: /spec/containers/0/ports/0/containerPort: expected integer, got string",
            "p.json:10:54: error: /spec/containers/0/ports/0/protocol: \"sctp\" is not one of: tcp, udp",
            "p.json:12:17: error: /spec/replicas: expected integer, got 1.5",
            "p.json:13:22: error: /spec/restartPolicy: \"OnFailure\" is not one of: always, on-failure, never",
            "p.json:14:30: error: /spec/placement/runtime: \"docker\" is not one of: quadlet, podman, kubernetes, any",
            "p.json:14:52: error: /spec/placement/requires: expected array, got string",
        ])
    }

    @Test func fleetExecutorsAreCheckedByType() {
        let messages = failures(
            """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "Fleet", "metadata": {"name": "f"},
             "spec": {"stages": ["dev"], "nodes": [
               {"name": "a", "stage": "dev", "executor": {"type": "docker"}},
               {"name": "b", "stage": "dev", "executor": {"type": "quadlet", "unitDir": "/u"}},
               {"name": "c", "stage": "dev", "executor": {"type": "directory", "path": "x", "scope": "user"}},
               {"name": "d", "stage": "dev", "executor": {"namespace": "agents"}},
               {"name": "e", "stage": "dev", "executor": "kubernetes"}]}}
            """, path: "fleet/inventory.json")
        #expect(messages == [
            "fleet/inventory.json:3:55: error: /spec/nodes/0/executor/type: unknown executor type \"docker\" (expected one of: directory, quadlet, podman, kubernetes)",
            "fleet/inventory.json:4:46: error: /spec/nodes/1/executor: missing required property \"scope\"",
            "fleet/inventory.json:5:81: error: /spec/nodes/2/executor/scope: unknown property \"scope\"",
            "fleet/inventory.json:6:46: error: /spec/nodes/3/executor: missing required property \"type\"",
            "fleet/inventory.json:7:46: error: /spec/nodes/4/executor: expected object, got string",
        ])
    }

    @Test func kindIsCheckedAgainstTheExpectedOne() {
        let profileJSON = """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "Profile", "metadata": {"name": "o"},
             "spec": {"class": "personal", "network": {"mode": "open"}}}
            """
        #expect(failures(profileJSON, expecting: .agentPod) == [
            "desired/agentpods/web.json:1:51: error: /kind: a Profile does not belong here (expected kind AgentPod)"
        ])
        #expect(failures(#"{"apiVersion": "agentplane.dev/v1alpha1", "kind": "Pod"}"#) == [
            "desired/agentpods/web.json:1:51: error: /kind: unknown kind \"Pod\" (expected one of: AgentPod, Bundle, Profile, Fleet)"
        ])
        #expect(failures("[1, 2]") == ["desired/agentpods/web.json:1:1: error: /: expected object, got array"])
        #expect(failures("{}") == [
            "desired/agentpods/web.json:1:1: error: /: missing required property \"apiVersion\"",
            "desired/agentpods/web.json:1:1: error: /: missing required property \"kind\"",
        ])
    }

    /// Every value of every example document, replaced in turn by values of other types, still
    /// decodes or fails with positioned `decode` diagnostics: the decoder never traps.
    @Test func mutatedDocumentsNeverCrashTheDecoder() throws {
        let replacements: [JSONValue] = [
            .null, .bool(true), .number(JSONNumber(-1)), .number(JSONNumber(literal: "2.5", double: 2.5)),
            .string("x\n"), .array([]), .object(JSONObject()),
        ]
        var failuresSeen = 0
        for path in try Self.documentPaths(under: "") {
            let original = try Self.parse(path)
            for pointer in Self.valuePointers(original) {
                for replacement in replacements {
                    let mutated = Self.replacing(pointer[...], in: original, with: replacement)
                    switch DocumentDecoder.decode(mutated, path: path, expecting: Self.kind(of: path)) {
                    case .success:
                        break
                    case .failure(let failure):
                        failuresSeen += 1
                        #expect(!failure.diagnostics.isEmpty)
                        #expect(failure.diagnostics.allSatisfy { $0.code == "decode" && $0.file == path && $0.line != nil && $0.pointer != nil })
                    }
                }
            }
        }
        #expect(failuresSeen > 1000)
    }

    // MARK: - Helpers

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func parse(_ path: String) throws -> JSONNode {
        let url = repositoryRoot.appendingPathComponent(path)
        let data = try Data(contentsOf: url)
        return try JSONReader.parse([UInt8](data))
    }

    /// The document files of the repository (or of an example repository under `root`), sorted.
    static func documentPaths(under root: String) throws -> [String] {
        var paths = ["\(root)fleet/inventory.json"]
        for directory in ["agentpods", "bundles", "profiles"] {
            let folder = repositoryRoot.appendingPathComponent("\(root)desired/\(directory)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            paths += names.sorted().map { "\(root)desired/\(directory)/\($0)" }
        }
        return paths
    }

    static func kind(of path: String) -> DocumentKind {
        if path.contains("/agentpods/") { return .agentPod }
        if path.contains("/bundles/") { return .bundle }
        if path.contains("/profiles/") { return .profile }
        return .fleet
    }

    private func decodeFile<T>(_ path: String, as type: T.Type) throws -> T {
        try Self.unwrap(DocumentDecoder.decode(try Self.parse(path), path: path, expecting: Self.kind(of: path)), as: type)
    }

    private func pod(_ path: String) throws -> AgentPod { try decodeFile(path, as: AgentPod.self) }
    private func bundle(_ path: String) throws -> Bundle { try decodeFile(path, as: Bundle.self) }
    private func profile(_ path: String) throws -> Profile { try decodeFile(path, as: Profile.self) }

    private func decode<T>(_ json: String, as type: T.Type) throws -> T {
        try Self.unwrap(DocumentDecoder.decode(try JSONReader.parse(json), path: "test.json"), as: type)
    }

    private static func unwrap<T>(_ result: Result<DecodedDocument, DecodeFailure>, as type: T.Type) throws -> T {
        let document = try result.get()
        let value: Any = switch document {
        case .agentPod(let pod): pod
        case .bundle(let bundle): bundle
        case .profile(let profile): profile
        case .fleet(let fleet): fleet
        }
        return try #require(value as? T, "decoded a \(document.kind.rawValue)")
    }

    @Test func everyFindingNamesThePointerOfItsValue() throws {
        let json = """
            {"apiVersion": "agentplane.dev/v1alpha1", "kind": "AgentPod",
             "metadata": {"name": "web", "labels": {"a/b~c": 1}},
             "spec": {"bundle": "b", "profile": "p", "replicas": "two",
               "containers": [
                 {"name": "ok", "image": "x"},
                 {"name": "c", "image": "x", "zzz": 1, "args": ["-v", 2],
                  "env": [{"name": "A", "value": "1"}, {"value": "2"}]}
               ],
               "tools": [{"name": "t", "scope": ["s"]}]}}
            """
        let node = try JSONReader.parse(json)
        guard case .failure(let failure) = DocumentDecoder.decode(node, path: "desired/agentpods/web.json") else {
            Issue.record("decoded")
            return
        }
        #expect(failure.diagnostics.compactMap(\.pointer) == [
            "/metadata/labels/a~1b~0c", "/spec/replicas", "/spec/containers/1/zzz", "/spec/containers/1/args/1",
            "/spec/containers/1/env/1", "/spec/tools/0/scope",
        ])
        #expect(failure.diagnostics.map(\.message) == [
            "expected string, got number", "expected integer, got string", "unknown property \"zzz\"",
            "expected string, got number", "missing required property \"name\"", "expected string, got array",
        ])
    }

    /// The formatted diagnostics of decoding `json`, or `["decoded"]` when it decodes.
    private func failures(
        _ json: String, path: String = "desired/agentpods/web.json", expecting: DocumentKind? = nil
    ) -> [String] {
        guard let node = try? JSONReader.parse(json) else { return ["not JSON"] }
        switch DocumentDecoder.decode(node, path: path, expecting: expecting) {
        case .success: return ["decoded"]
        case .failure(let failure): return failure.diagnostics.map(\.formatted)
        }
    }

    /// The pointer (as components) of every value below the root.
    static func valuePointers(_ node: JSONNode) -> [[String]] {
        var result: [[String]] = []
        var pending: [(JSONNode, [String])] = [(node, [])]
        while let (current, path) = pending.popLast() {
            if !path.isEmpty { result.append(path) }
            switch current.value {
            case .object(let object):
                for member in object.members { pending.append((member.value, path + [member.key])) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { pending.append((element, path + [String(index)])) }
            default:
                break
            }
        }
        return result
    }

    /// `node` with the value at `path` replaced by `value` (keeping its position).
    static func replacing(_ path: ArraySlice<String>, in node: JSONNode, with value: JSONValue) -> JSONNode {
        guard let head = path.first else { return JSONNode(value, at: node.position) }
        switch node.value {
        case .object(let object):
            let members = object.members.map { member in
                member.key == head
                    ? JSONMember(key: member.key, keyPosition: member.keyPosition, value: replacing(path.dropFirst(), in: member.value, with: value))
                    : member
            }
            return JSONNode(.object(JSONObject(members)), at: node.position)
        case .array(var elements):
            if let index = Int(head), elements.indices.contains(index) {
                elements[index] = replacing(path.dropFirst(), in: elements[index], with: value)
            }
            return JSONNode(.array(elements), at: node.position)
        default:
            return node
        }
    }
}
