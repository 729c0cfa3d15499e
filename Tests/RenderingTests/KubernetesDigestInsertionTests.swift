import Formats
import PlaneModel
import Testing

@testable import Rendering

/// The digest annotation inserted into the written YAML gives exactly the bytes of writing the
/// manifest with the annotation in its value, for every fixture on both targets.
@Suite("Kubernetes digest insertion")
struct KubernetesDigestInsertionTests {
    @Test func insertionEqualsWritingTheFullValue() throws {
        var checked = 0
        for node in [KubernetesFixtures.clusterNode, KubernetesFixtures.podmanNode] {
            for placement in KubernetesFixtures.placements(on: node) {
                let manifests = node.executor.kind == .kubernetes
                    ? try KubernetesRenderer().manifests(placement) : try KubernetesRenderer().podmanManifests(placement)
                for manifest in manifests {
                    #expect(manifest.object.bytes == Array(YAMLWriter.write(manifest.value).utf8), "\(manifest.object.path)")
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    @Test func anUnexpectedLayoutFallsBack() {
        #expect(DigestAnnotation.insert("abc", into: "kind: X\n") == nil)
        let inserted = DigestAnnotation.insert("123", into: "metadata:\n  name: a\nspec: {}\n")
        #expect(inserted == "metadata:\n  name: a\n  annotations:\n    agentplane.dev/digest: '123'\nspec: {}\n")
    }
}
