import Foundation
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The podman executor observes pods `podman kube play` made from our manifests, with real podman.
@Suite(.serialized) struct PodmanObserveTests {
    /// The podman manifest of an idle busybox pod named `name`.
    static func manifest(_ name: String, replicas: Int = 1) throws -> RenderedObject {
        let node = ExecutorFixtures.node("edge", .podman(connection: nil))
        let pod = ExecutorFixtures.pod(
            name, image: PodmanHarness.image, command: PodmanHarness.idleCommand, replicas: replicas)
        let objects = try KubernetesRenderer().renderPodmanKube(ExecutorFixtures.placement(pod, on: node))
        return try #require(objects.first)
    }

    static func executor(_ podman: PodmanHarness) -> any Executor {
        Executors.make(for: ExecutorFixtures.node("edge", .podman(connection: nil)), environment: podman.executorEnvironment)
    }

    @Test func aPlayedPodIsObservedAndAForeignOneIsNot() throws {
        let podman = try PodmanHarness()
        defer { podman.cleanUp() }
        let name = podman.uniqueName("observed")
        let foreign = podman.uniqueName("foreign")
        let manifest = try Self.manifest(name)
        #expect(manifest.path == "\(name)/kube.yaml")
        let file = try podman.kubePlay(manifest.bytes, name: name)
        try podman.createForeignPod(foreign)

        let observation = try Self.executor(podman).observe()
        // Other test runs on this machine may have pods of their own: look at ours by name.
        let observed = try #require(observation.objects.first { $0.path == manifest.path }, "\(observation.objects)")
        #expect(observed.claimedDigest == manifest.labels[OwnershipLabel.digest])
        #expect(observed.claimedDigest != nil)
        #expect(observed.actualDigest == nil)
        #expect(observed.content == nil)
        #expect(observed.state == "running")
        #expect(!observation.objects.contains { $0.path.hasPrefix(foreign) }, "the unlabelled pod is not ours")

        try podman.kubeDown(file)
        let after = try Self.executor(podman).observe()
        #expect(!after.objects.contains { $0.path == manifest.path })
    }

    @Test func theReplicasOfADeploymentAreOneObject() throws {
        let podman = try PodmanHarness()
        defer { podman.cleanUp() }
        let name = podman.uniqueName("twice")
        let manifest = try Self.manifest(name, replicas: 2)
        _ = try podman.kubePlay(manifest.bytes, name: name)

        let pods = try podman.podmanSucceeding(
            ["pod", "ps", "--format", "{{.Name}}", "--filter", "label=agentplane.dev/pod=\(name)"])
        #expect(pods.stdoutText.split(separator: "\n").sorted() == ["\(name)-pod-0", "\(name)-pod-1"])
        let objects = try Self.executor(podman).observe().objects.filter { $0.path.hasPrefix(name + "/") }
        #expect(objects == [ObservedObject(path: manifest.path, claimedDigest: manifest.labels[OwnershipLabel.digest], state: "running")])
    }
}
