import Foundation
import Formats
import PlaneModel
import Rendering
import Testing

/// The repository's example pods rendered for the example fleet's kubernetes and podman nodes:
/// golden files (`Snapshots/kubernetes/examples/<node>/<pod>/…`) and the outside checks.
@Suite struct KubernetesExamplePodTests {
    static func manifests() throws -> [(node: String, manifest: KubernetesManifest)] {
        let renderer = KubernetesRenderer()
        var out: [(String, KubernetesManifest)] = []
        for placement in try KubernetesExamples.placements(executor: .kubernetes) {
            out += try renderer.manifests(placement).map { (placement.node.name, $0) }
        }
        for placement in try KubernetesExamples.placements(executor: .podman) {
            out += try renderer.podmanManifests(placement).map { (placement.node.name, $0) }
        }
        return out
    }

    @Test func everyExamplePodRendersOnBothTargetsAsTheGoldenFiles() throws {
        let cluster = try KubernetesExamples.placements(executor: .kubernetes)
        let podman = try KubernetesExamples.placements(executor: .podman)
        #expect(!cluster.isEmpty && !podman.isEmpty, "the example fleet has a kubernetes and a podman node")
        let objects = try Self.manifests().map { KubernetesExamples.underNode($0.manifest.object, $0.node) }
        assertSnapshot(objects, named: "kubernetes/examples")
    }

    @Test func everyExampleManifestPassesKubernetesValidateStrict() throws {
        let tool = try KubernetesOutsideToolTests.kubernetesValidate()
        let manifests = try Self.manifests()
        let files = manifests.map { entry in
            (
                "\(entry.node)-\(entry.manifest.object.path.replacingOccurrences(of: "/", with: "-"))",
                entry.manifest.object.bytes
            )
        }
        let folder = try KubernetesOutsideToolTests.writeFiles(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExternalCommand.run(
            tool,
            ["--strict", "--quiet", "-k", KubernetesOutsideToolTests.kubernetesVersion]
                + files.map { folder.appendingPathComponent($0.0).path },
            timeout: 300)
        #expect(result.status == 0, "kubernetes-validate rejected example manifests:\n\(result.transcript)")
    }

    @Test func pyYAMLReadsEveryExampleManifestAsMeant() throws {
        let result = try KubernetesOutsideToolTests.compareWithPyYAML(
            try Self.manifests().map { ($0.manifest.object.bytes, $0.manifest.value) })
        #expect(result.status == 0, "PyYAML read something else than meant:\n\(result.transcript)")
    }
}
