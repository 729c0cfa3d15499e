import Foundation
import PlaneModel
import Rendering

/// Pods, nodes and rendered objects the executor tests observe.
enum ExecutorFixtures {
    static let bundleName = "assistants"

    static func profile(_ mode: Profile.NetworkMode = .open, rootless: Bool = true) -> Profile {
        let network: Profile.Network
        switch mode {
        case .allowlist:
            network = Profile.Network(
                mode: .allowlist, allow: [Profile.AllowedHost(host: "api.github.com", port: 443)],
                proxy: "http://proxy.corp.example:3128")
        default:
            network = Profile.Network(mode: mode)
        }
        return Profile(
            metadata: ObjectMeta(name: "personal"),
            spec: Profile.Spec(
                profileClass: .personal, network: network, containers: Profile.ContainerPolicy(rootless: rootless)),
            source: SourceRef(path: "desired/profiles/personal.json"))
    }

    static func pod(
        _ name: String, image: String = "ghcr.io/acme/agent:1.0", command: [String] = [], replicas: Int = 1,
        volumes: [AgentPod.Volume] = [], restartPolicy: AgentPod.RestartPolicy = .always, containers: [String] = ["agent"]
    ) -> AgentPod {
        AgentPod(
            metadata: ObjectMeta(name: name, labels: ["team": "exec tests"]),
            spec: AgentPod.Spec(
                bundle: bundleName, profile: "personal",
                containers: containers.map {
                    AgentPod.Container(
                        name: $0, image: image, command: command,
                        env: [AgentPod.EnvVar(name: "LOG_LEVEL", source: .value("info"))])
                },
                volumes: volumes, replicas: replicas, restartPolicy: restartPolicy),
            source: SourceRef(path: "desired/agentpods/\(name).json"))
    }

    static func bundle(maxRunSeconds: Int = 300) -> PlaneModel.Bundle {
        PlaneModel.Bundle(
            metadata: ObjectMeta(name: bundleName), version: "1.0.0",
            spec: Bundle.Spec(pods: [], maxRunSeconds: maxRunSeconds),
            source: SourceRef(path: "desired/bundles/\(bundleName).json"))
    }

    static func node(_ name: String, _ executor: Fleet.Executor) -> Fleet.Node {
        Fleet.Node(name: name, stage: "dev", executor: executor)
    }

    static func placement(_ pod: AgentPod, on node: Fleet.Node, mode: Profile.NetworkMode = .open) -> PodPlacement {
        PodPlacement(pod: pod, bundle: bundle(), profile: profile(mode), node: node)
    }

    /// Quadlet units of a pod with a network, a volume and two containers.
    static func quadletUnits(_ name: String = "web", on node: Fleet.Node) throws -> [RenderedObject] {
        let volume = AgentPod.Volume(name: "cache", tier: .nvme, size: Quantity("1Gi"), mountPath: "/cache")
        let placed = placement(pod(name, volumes: [volume], containers: ["agent", "tools"]), on: node, mode: .allowlist)
        return try QuadletRenderer().render(placed)
    }

    /// Kubernetes manifests of a pod with a claim and a NetworkPolicy, and of a run-once pod (a Job).
    static func clusterManifests(on node: Fleet.Node) throws -> [RenderedObject] {
        let volume = AgentPod.Volume(name: "models", tier: .nvme, size: Quantity("10Gi"), mountPath: "/models")
        let web = placement(pod("web", volumes: [volume]), on: node, mode: .none)
        let batch = placement(pod("batch", restartPolicy: .never), on: node)
        return try KubernetesRenderer().render(web) + KubernetesRenderer().render(batch)
    }

    /// The folder of recorded outputs.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}
