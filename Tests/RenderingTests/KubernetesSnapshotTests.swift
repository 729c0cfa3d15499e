import Rendering
import Testing

/// Golden files of every fixture pod on both targets: `Snapshots/kubernetes/cluster/<pod>/…`
/// and `Snapshots/kubernetes/podman/<pod>/kube.yaml`. `RECORD_SNAPSHOTS=1` re-records them.
@Suite struct KubernetesSnapshotTests {
    @Test func clusterManifestsMatchTheGoldenFiles() throws {
        let renderer = KubernetesRenderer()
        var objects: [RenderedObject] = []
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.clusterNode) {
            objects += try renderer.render(placement)
        }
        assertSnapshot(objects, named: "kubernetes/cluster")
    }

    @Test func podmanManifestsMatchTheGoldenFiles() throws {
        let renderer = KubernetesRenderer()
        var objects: [RenderedObject] = []
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.podmanNode) {
            objects += try renderer.renderPodmanKube(placement)
        }
        assertSnapshot(objects, named: "kubernetes/podman")
    }
}
