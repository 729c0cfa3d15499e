import Foundation
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

/// Every loser's reasons by node, the runs expanded against the stage's nodes in name order.
private func reasons(_ decision: PlacementDecision, stageNodes: [String]) -> [String: [String]] {
    let names = stageNodes.sorted()
    var out: [String: [String]] = [:]
    for loss in decision.losers {
        for run in loss.runs {
            guard let first = names.firstIndex(of: run.first), let last = names.firstIndex(of: run.last) else { continue }
            for name in names[first...last] { out[name, default: []].append(loss.reason) }
        }
    }
    return out
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
        #expect(third.score == -10)
        #expect(third.scoreNotes == ["spread -10 (1 pod here)"])
        #expect(third.losers == [.init(reason: "same score -10; the chosen node comes first by name", nodes: ["b"])])
        #expect(decisions[1].losers == [.init(reason: "lower score -10 (the chosen node has 0)", nodes: ["a"])])
    }

    @Test func onlyNodesOfTheStageAreCandidates() {
        let placer = Placer(fleet: fleet([node("dev-1"), node("prod-1", stage: "prod")]))
        let decisions = placer.place([pod("p")], stage: "prod")
        #expect(decisions.first?.node == "prod-1")
        #expect(decisions.first?.losers == [])
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
        let reasons = reasons(decision, stageNodes: nodes.map(\.name))
        #expect(reasons["k8s"]?.contains("runtime quadlet does not run on a kubernetes node") == true)
        #expect(reasons["small"]?.contains("node selector zone=us: node has no label zone") == true)
        #expect(reasons["small"]?.contains("not enough cpu: needs 1 cores, 500m cpu left") == true)
        #expect(reasons["small"]?.count == 4)
        #expect(reasons["eu"]?.contains("node selector zone=us: node has zone=eu") == true)
        #expect(reasons["eu"]?.contains("profile personal not allowed (allows corporate)") == true)
        #expect(reasons["eu"]?.contains("lacks capability gpu") == true)
        #expect(reasons["gpu"] == nil)
        #expect(reasons["k8s"]?.contains("not enough gpu: needs 1, at most 0 left") == true)
        // Grouped by reason, largest group first, each naming its nodes as runs in name order.
        #expect(decision.losers.first == .init(
            reason: "lacks capability gpu", runs: [.init(first: "eu", last: "eu"), .init(first: "k8s", last: "small")], count: 3))
        #expect(decision.losers.map(\.count).reduce(0, +) == reasons.values.map(\.count).reduce(0, +))
    }

    @Test func capacityIsConsumedAndAnUnplaceablePodNamesEveryReason() {
        let placer = Placer(fleet: fleet([node("only", executor: .podman(connection: nil), cpu: "2", memory: "4Gi")]))
        let decisions = placer.place([pod("a", cpu: "1500m"), pod("b", cpu: "1", memory: "3Gi", replicas: 2)], stage: "dev")
        #expect(decisions[0].node == "only")
        #expect(decisions[1].node == nil)
        #expect(decisions[1].losers.map(\.reason) == [
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
        #expect(decisions[0].scoreNotes == ["model llama-3-8b resident +100"])
        #expect(decisions[0].losers == [.init(reason: "lower score 0 (the chosen node has 100)", nodes: ["a"])])
        #expect(decisions[1].node == nil)
        #expect(decisions[1].losers == [
            .init(reason: "model qwen must be resident and is not", runs: [.init(first: "a", last: "b")], count: 2)
        ])
    }

    @Test func samInputsSamePlacement() {
        let nodes = (0..<20).map { node("n\($0)", cpu: "\($0 % 4 + 1)") }
        let pods = (0..<50).map { pod("p\($0)", cpu: "\($0 % 3 + 1)") }
        let a = Placer(fleet: fleet(nodes.shuffled())).place(pods.shuffled(), stage: "dev")
        let b = Placer(fleet: fleet(nodes)).place(pods, stage: "dev")
        #expect(a == b)
    }

    /// On a larger stage, the groups name every node but the chosen one, each as many times as
    /// it has reasons, and the runs expand to exactly the group's count.
    @Test func everyOtherNodeIsInAGroupAndTheRunsAddUp() {
        let nodes = (0..<60).map { index in
            node(
                String(format: "n%02d", index), labels: ["zone": "z\(index % 3)"],
                capabilities: index % 4 == 0 ? ["gpu"] : [], cpu: "\(index % 5 + 1)", gpu: index % 4 == 0 ? 1 : nil)
        }
        let pods = (0..<120).map { index in
            pod(
                "p\(1000 + index)", cpu: "\(index % 3 + 1)", gpu: index % 9 == 0 ? 1 : nil,
                selector: index % 2 == 0 ? ["zone": "z\(index % 3)"] : [:])
        }
        let names = nodes.map(\.name)
        for decision in Placer(fleet: fleet(nodes)).place(pods, stage: "dev") {
            let reasons = reasons(decision, stageNodes: names)
            var expected = Set(names)
            if let chosen = decision.node { expected.remove(chosen) }
            #expect(Set(reasons.keys) == expected, "\(decision.pod)")
            #expect(decision.node.map { reasons[$0] == nil } ?? true)
            for loss in decision.losers {
                let covered = loss.runs.map { run -> Int in
                    guard let first = names.firstIndex(of: run.first), let last = names.firstIndex(of: run.last) else { return 0 }
                    return last - first + 1
                }
                #expect(covered.reduce(0, +) == loss.count, "\(decision.pod): \(loss.reason)")
            }
        }
    }

    @Test func neighboursAreARange() {
        let nodes = (0..<6).map { node("n\($0)", capabilities: $0 == 5 ? ["gpu"] : []) }
        let decision = Placer(fleet: fleet(nodes)).place([pod("p", requires: ["gpu"])], stage: "dev")[0]
        #expect(decision.node == "n5")
        #expect(decision.losers == [.init(reason: "lacks capability gpu", runs: [.init(first: "n0", last: "n4")], count: 5)])
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
        #expect(reasons(decision, stageNodes: nodes.map(\.name))["quad"]
            == ["3 replicas need podman or kubernetes (a quadlet node runs one instance)"])
    }
}
