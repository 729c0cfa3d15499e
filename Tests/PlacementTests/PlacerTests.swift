import PlaneModel
import Testing

@testable import Placement

private func node(
    _ name: String, stage: String = "dev", executor: Fleet.Executor = .directory(path: "n"),
    labels: [String: String] = [:], capabilities: [String] = [], cpu: String? = "4", memory: String? = "8Gi",
    gpu: Int? = nil, models: [String] = [], profiles: [String] = []
) -> Fleet.Node {
    Fleet.Node(
        name: name, stage: stage, labels: labels, capabilities: capabilities,
        capacity: Resources(cpu: cpu.map(Quantity.init), memory: memory.map(Quantity.init), gpu: gpu),
        residentModels: models, profiles: profiles, executor: executor)
}

private func pod(
    _ name: String, cpu: String = "1", memory: String = "1Gi", gpu: Int? = nil, profile: String = "personal",
    runtime: AgentPod.Runtime = .any, selector: [String: String] = [:], requires: [String] = [],
    model: AgentPod.ModelSpec? = nil, replicas: Int = 1
) -> AgentPod {
    AgentPod(
        metadata: ObjectMeta(name: name),
        spec: .init(
            bundle: "b", profile: profile,
            containers: [.init(name: "main", image: "docker.io/library/busybox:1.36",
                               resources: Resources(cpu: Quantity(cpu), memory: Quantity(memory), gpu: gpu))],
            model: model, placement: .init(runtime: runtime, nodeSelector: selector, requires: requires),
            replicas: replicas),
        source: SourceRef(path: "desired/agentpods/\(name).json"))
}

private func fleet(_ nodes: [Fleet.Node]) -> Fleet {
    Fleet(metadata: ObjectMeta(name: "f"), stages: ["dev", "prod"], nodes: nodes, source: SourceRef(path: "fleet/inventory.json"))
}

@Suite("Placement")
struct PlacerTests {
    @Test func spreadsPodsAndBreaksTiesByName() {
        let placer = Placer(fleet: fleet([node("b"), node("a")]))
        let decisions = placer.place([pod("p2"), pod("p1"), pod("p3")], stage: "dev")
        #expect(decisions.map(\.pod) == ["p1", "p2", "p3"])
        #expect(decisions.map(\.node) == ["a", "b", "a"])
        let third = decisions[2]
        #expect(third.candidates.map(\.scoreNotes) == [["spread -10 (1 pod here)"], ["spread -10 (1 pod here)"]])
    }

    @Test func onlyNodesOfTheStageAreCandidates() {
        let placer = Placer(fleet: fleet([node("dev-1"), node("prod-1", stage: "prod")]))
        let decisions = placer.place([pod("p")], stage: "prod")
        #expect(decisions.first?.node == "prod-1")
        #expect(decisions.first?.candidates.map(\.node) == ["prod-1"])
    }

    @Test func everyLosingNodeSaysWhy() {
        let nodes = [
            node("k8s", executor: .kubernetes(context: nil, namespace: "agents")),
            node("small", cpu: "500m"),
            node("eu", labels: ["zone": "eu"], profiles: ["corporate"]),
            node("gpu", labels: ["zone": "us"], capabilities: ["gpu"], gpu: 1),
        ]
        let decisions = Placer(fleet: fleet(nodes)).place(
            [pod("agent", gpu: 1, runtime: .quadlet, selector: ["zone": "us"], requires: ["gpu"])], stage: "dev")
        let decision = decisions[0]
        #expect(decision.node == "gpu")
        let reasons = Dictionary(uniqueKeysWithValues: decision.candidates.map { ($0.node, $0.rejections) })
        #expect(reasons["k8s"]?.contains("runtime quadlet does not run on a kubernetes node") == true)
        #expect(reasons["small"]?.contains("node selector zone=us: node has no label zone") == true)
        #expect(reasons["small"]?.contains("not enough cpu: needs 1 cores, 500m cpu left") == true)
        #expect(reasons["eu"]?.contains("node selector zone=us: node has zone=eu") == true)
        #expect(reasons["eu"]?.contains("profile personal not allowed (allows corporate)") == true)
        #expect(reasons["eu"]?.contains("lacks capability gpu") == true)
        #expect(reasons["gpu"] == [])
    }

    @Test func capacityIsConsumedAndAnUnplaceablePodNamesEveryReason() {
        let placer = Placer(fleet: fleet([node("only", executor: .podman(connection: nil), cpu: "2", memory: "4Gi")]))
        let decisions = placer.place([pod("a", cpu: "1500m"), pod("b", cpu: "1", memory: "3Gi", replicas: 2)], stage: "dev")
        #expect(decisions[0].node == "only")
        #expect(decisions[1].node == nil)
        #expect(decisions[1].candidates[0].rejections == [
            "not enough cpu: needs 2 cores, 500m cpu left",
            "not enough memory: needs 6Gi, 3Gi left",
        ])
    }

    @Test func residentModelsAreRequiredOrPreferred() {
        let nodes = [node("a"), node("b", models: ["llama-3-8b"])]
        let preferred = AgentPod.ModelSpec(provider: "llama.cpp", id: "llama-3-8b", residency: .preferred)
        let required = AgentPod.ModelSpec(provider: "llama.cpp", id: "qwen", residency: .required)
        let decisions = Placer(fleet: fleet(nodes)).place(
            [pod("x", model: preferred), pod("y", model: required)], stage: "dev")
        #expect(decisions[0].node == "b")
        #expect(decisions[0].candidates.first { $0.node == "b" }?.scoreNotes == ["model llama-3-8b resident +100"])
        #expect(decisions[1].node == nil)
        #expect(decisions[1].candidates.allSatisfy { $0.rejections == ["model qwen must be resident and is not"] })
    }

    @Test func samInputsSamePlacement() {
        let nodes = (0..<20).map { node("n\($0)", cpu: "\($0 % 4 + 1)") }
        let pods = (0..<50).map { pod("p\($0)", cpu: "\($0 % 3 + 1)") }
        let a = Placer(fleet: fleet(nodes.shuffled())).place(pods.shuffled(), stage: "dev")
        let b = Placer(fleet: fleet(nodes)).place(pods, stage: "dev")
        #expect(a == b)
    }

    @Test func quantities() {
        #expect(Quantity("500m").cores == 0.5)
        #expect(Quantity("2").cores == 2)
        #expect(Quantity("512Mi").bytes == 536_870_912)
        #expect(Quantity("1G").bytes == 1e9)
        #expect(Quantity("1.5Gi").bytes == 1.5 * 1_073_741_824)
        #expect(Quantity("-1").cores == nil)
        #expect(Quantity("1e3").bytes == nil)
        #expect(Quantity("").bytes == nil)
    }
}

@Suite("Placement: replicas")
struct PlacerReplicaTests {
    @Test func quadletAndDirectoryNodesRunOneInstance() {
        let nodes = [
            node("dir"), node("quad", executor: .quadlet(unitDir: "/u", scope: .system, systemctl: ["systemctl"])),
            node("pm", executor: .podman(connection: nil)),
        ]
        let decision = Placer(fleet: fleet(nodes)).place([pod("scaled", cpu: "100m", memory: "64Mi", replicas: 3)], stage: "dev")[0]
        #expect(decision.node == "pm")
        #expect(decision.candidates.first { $0.node == "quad" }?.rejections
            == ["3 replicas need podman or kubernetes (a quadlet node runs one instance)"])
    }
}
