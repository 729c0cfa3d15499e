import Foundation
import PlaneModel
import Rendering
import Testing

/// Every fixture and example pod's podman manifest runs under real `podman kube play`, and
/// `podman kube down` removes it. The pods run the local busybox image (no registry is
/// reachable) with an idle command instead of their own; everything else — env, secrets, volumes, ports, replicas,
/// restart policy, network mode — is rendered as for a real node.
@Suite(.serialized) struct PodmanKubePlayTests {
    static let fixtureNames = KubernetesFixtures.placements(on: KubernetesFixtures.podmanNode).map(\.pod.name)

    @Test(arguments: fixtureNames)
    func playsRunsAndTearsDown(fixture: String) throws {
        let original = try #require(
            KubernetesFixtures.placements(on: KubernetesFixtures.podmanNode).first { $0.pod.name == fixture })
        try Self.playRunAndTearDown(original)
    }

    @Test func everyExamplePodPlaysRunsAndTearsDown() throws {
        // A podman manifest does not depend on which podman node it is for: play each pod once.
        var seen = Set<String>()
        let placements = try KubernetesExamples.placements(executor: .podman).filter {
            seen.insert($0.pod.name).inserted
        }
        #expect(!placements.isEmpty)
        for placement in placements {
            try Self.playRunAndTearDown(placement)
        }
    }

    /// Plays the placement's podman manifest (made runnable here), checks what runs, and tears
    /// it down; everything it made is removed whatever happens.
    static func playRunAndTearDown(_ original: PodPlacement) throws {
        let podman = try PodmanHarness()
        defer { podman.cleanUp() }
        let (placement, secretValues) = try Self.runnable(original, in: podman)
        let podName = placement.pod.name
        podman.trackPod(podName)
        for volume in placement.pod.spec.volumes where volume.tier != .ram {
            podman.trackVolume(KubernetesStorage.claimName(pod: podName, volume: volume.name))
        }
        for (secret, values) in secretValues.sorted(by: { $0.key < $1.key }) {
            try podman.createKubeSecret(secret, values: values)
        }

        let renderer = KubernetesRenderer()
        let manifest = try #require(try renderer.renderPodmanKube(placement).first)
        let (file, played) = try podman.kubePlay(
            manifest.bytes, arguments: KubernetesRenderer.podmanPlayArguments(manifest: manifest.bytes), name: podName)
        try #require(played.status == 0, "podman kube play failed: \(played.transcript)")

        // The pods and containers run, found by our labels.
        let labels = ["agentplane.dev/pod": podName, "agentplane.dev/managed-by": "agentplane"]
        let pods = try podman.pods(labeled: labels)
        #expect(pods.count == placement.pod.spec.replicas)
        #expect(pods.allSatisfy { ($0["Status"] as? String) == "Running" }, "\(pods)")
        let containers = try podman.containers(labeled: labels)
        #expect(containers.count == placement.pod.spec.replicas * placement.pod.spec.containers.count)
        #expect(containers.allSatisfy { ($0["State"] as? String) == "running" }, "\(containers)")

        for container in placement.pod.spec.containers {
            let name = "\(podName)-pod-0-\(container.name)"
            try Self.checkEnvironment(
                of: container, named: name, placement: placement, secrets: secretValues, podman: podman)
            let restart = try podman.inspect(name)["HostConfig"] as? [String: Any]
            let policy = (restart?["RestartPolicy"] as? [String: Any])?["Name"] as? String
            #expect(policy == Self.podmanRestartPolicy[placement.pod.spec.restartPolicy], "\(name)")
            for volume in placement.pod.spec.volumes {
                let probe = "probe-\(podman.runID)"
                #expect(
                    try podman.exec(name, "echo \(probe) > \(volume.mountPath)/probe && cat \(volume.mountPath)/probe")
                        == "\(probe)\n")
            }
        }
        for volume in placement.pod.spec.volumes where volume.tier != .ram {
            let claim = KubernetesStorage.claimName(pod: podName, volume: volume.name)
            #expect(try podman.podman(["volume", "exists", claim]).status == 0, "named volume \(claim)")
        }
        if placement.profile.spec.network.mode == .none {
            let first = "\(podName)-pod-0-\(placement.pod.spec.containers[0].name)"
            let interfaces = try podman.exec(first, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '")
            #expect(interfaces == "lo\n", "a pod without network has only loopback")
        }
        for container in placement.pod.spec.containers {
            for port in container.ports {
                guard let hostPort = port.hostPort else { continue }
                let published = try podman.podmanSucceeding(["port", "\(podName)-pod-0-\(container.name)"]).stdoutText
                #expect(published.contains(":\(hostPort)"), "\(published)")
            }
        }

        // kube down removes them all.
        let down = try podman.kubeDown(file)
        #expect(down.status == 0, "podman kube down failed: \(down.transcript)")
        #expect(try podman.pods(labeled: labels).isEmpty)
        #expect(try podman.containers(labeled: labels).isEmpty)
    }

    static let podmanRestartPolicy: [AgentPod.RestartPolicy: String] = [
        .always: "always", .onFailure: "on-failure", .never: "no",
    ]

    /// Checks that every declared variable reaches the container's main process unchanged:
    /// literal values byte for byte, secrets from the podman secret, and the proxy variables.
    static func checkEnvironment(
        of container: AgentPod.Container, named name: String, placement: PodPlacement,
        secrets: [String: [String: String]], podman: PodmanHarness
    ) throws {
        let environment = try podman.processEnvironment(name)
        for variable in container.env {
            switch variable.source {
            case .value(let value):
                #expect(environment[variable.name] == value, "\(name): \(variable.name)")
            case .secretRef(let secret, let key):
                #expect(
                    environment[variable.name] == secrets[secret]?[key ?? variable.name], "\(name): \(variable.name)")
            }
        }
        if placement.profile.spec.network.mode == .allowlist, let proxy = placement.profile.spec.network.proxy {
            let declared = Set(container.env.map(\.name))
            for variable in ["HTTP_PROXY", "https_proxy"] where !declared.contains(variable) {
                #expect(environment[variable] == proxy, "\(name): \(variable)")
            }
        }
    }

    /// The fixture made runnable here: a unique pod name, the local image with an idle command,
    /// unique secret names (with their values, hostile ones included), and free host ports.
    static func runnable(
        _ placement: PodPlacement, in podman: PodmanHarness
    ) throws -> (PodPlacement, [String: [String: String]]) {
        var pod = placement.pod
        pod.metadata.name = podman.uniqueName(pod.name)
        var secrets: [String: [String: String]] = [:]
        for c in pod.spec.containers.indices {
            pod.spec.containers[c].image = PodmanHarness.image
            pod.spec.containers[c].command = PodmanHarness.idleCommand
            pod.spec.containers[c].args = []
            for e in pod.spec.containers[c].env.indices {
                guard case .secretRef(let name, let key) = pod.spec.containers[c].env[e].source else { continue }
                let unique = podman.uniqueName(name)
                let variable = pod.spec.containers[c].env[e].name
                secrets[unique, default: [:]][key ?? variable] =
                    "s3cr3t for \(variable): \(KubernetesFixtures.hostileValue)"
                pod.spec.containers[c].env[e].source = .secretRef(name: unique, key: key)
            }
            for p in pod.spec.containers[c].ports.indices where pod.spec.containers[c].ports[p].hostPort != nil {
                pod.spec.containers[c].ports[p].hostPort = try PodmanHarness.freePort()
            }
        }
        var adapted = placement
        adapted.pod = pod
        return (adapted, secrets)
    }
}
