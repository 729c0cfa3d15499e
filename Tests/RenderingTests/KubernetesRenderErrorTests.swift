import Formats
import PlaneModel
import Rendering
import Testing

/// Inputs the renderer refuses, each with the message an operator would read.
@Suite struct KubernetesRenderErrorTests {
    typealias T = KubernetesTestSupport

    @Test func aNodeWithAnotherExecutorIsRefused() {
        let quadlet = Fleet.Node(
            name: "dev-gpu-1", stage: "dev",
            executor: .quadlet(unitDir: "/etc/containers/systemd", scope: .system, systemctl: ["systemctl"]))
        let placement = PodPlacement(
            pod: KubernetesFixtures.plain.pod, bundle: KubernetesFixtures.bundle(for: KubernetesFixtures.plain.pod),
            profile: KubernetesFixtures.plain.profile, node: quadlet)
        #expect(
            throws: RenderError.executorMismatch(
                pod: "plain", node: "dev-gpu-1", executor: "quadlet", expected: "kubernetes")
        ) {
            try T.renderer.render(placement)
        }
        #expect(
            throws: RenderError.executorMismatch(
                pod: "plain", node: "dev-gpu-1", executor: "quadlet", expected: "podman")
        ) {
            try T.renderer.renderPodmanKube(placement)
        }
        #expect(throws: RenderError.self) { try T.renderer.renderPodmanKube(T.onCluster(KubernetesFixtures.plain)) }
        #expect(throws: RenderError.self) { try T.renderer.render(T.onPodman(KubernetesFixtures.plain)) }
    }

    @Test func allowlistWithoutAProxyIsRefused() throws {
        var fixture = KubernetesFixtures.allowlist
        fixture.profile.spec.network.proxy = nil
        do {
            _ = try T.renderer.render(T.onCluster(fixture))
            Issue.record("rendered an allowlist pod without a proxy")
        } catch {
            #expect(
                error.description.contains(
                    "profile corporate-firewall has network mode allowlist but no spec.network.proxy"))
        }
    }

    @Test func aProxyThatIsNotAURLIsRefused() {
        for proxy in ["proxy.corp:3128", "http://", "http://proxy:99999", "http://proxy:3128/path", "gopher://proxy"] {
            var fixture = KubernetesFixtures.allowlist
            fixture.profile.spec.network.proxy = proxy
            #expect(throws: RenderError.self, "\(proxy)") { try T.renderer.render(T.onCluster(fixture)) }
        }
    }

    @Test func podmanRefusesShortImageNames() {
        var fixture = KubernetesFixtures.plain
        fixture.pod.spec.containers[0].image = "busybox"
        #expect(
            throws: RenderError.unqualifiedImage(pod: "plain", pointer: "/spec/containers/0/image", image: "busybox")
        ) {
            try T.renderer.renderPodmanKube(T.onPodman(fixture))
        }
    }

    @Test func podmanRefusesHostPortsItCannotPublish() {
        var airgapped = KubernetesFixtures.plain
        airgapped.profile = KubernetesFixtures.none
        do {
            _ = try T.renderer.renderPodmanKube(T.onPodman(airgapped))
            Issue.record("rendered a host port for a pod without network")
        } catch {
            #expect(
                error
                    == .unsupported(
                        pod: "plain", pointer: "/spec/containers/0/ports/0/hostPort",
                        reason: "profile airgapped has network mode none: podman cannot publish a host port "
                            + "without a network"
                    ))
        }
        var replicated = KubernetesFixtures.plain
        replicated.pod.spec.replicas = 2
        #expect(throws: RenderError.self) { try T.renderer.renderPodmanKube(T.onPodman(replicated)) }
        #expect(throws: Never.self) { try T.renderer.render(T.onCluster(replicated)) }
    }
}
