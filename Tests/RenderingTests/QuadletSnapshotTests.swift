import PlaneModel
import Rendering
import Testing

/// Golden files: every fixture pod renders to exactly the files under
/// `Snapshots/quadlet/<case>/`; `RECORD_SNAPSHOTS=1` re-records them.
@Suite struct QuadletSnapshotTests {
    @Test(arguments: QuadletFixtures.cases.map(\.name))
    func rendersTheGoldenFiles(_ name: String) throws {
        let placement = try #require(QuadletFixtures.cases.first { $0.name == name }?.placement)
        assertSnapshot(try QuadletRenderer().render(placement), named: "quadlet/\(name)")
    }

    @Test(arguments: QuadletFixtures.cases.map(\.name))
    func renderingTwiceGivesTheSameBytes(_ name: String) throws {
        let placement = try #require(QuadletFixtures.cases.first { $0.name == name }?.placement)
        let first = try QuadletRenderer().render(placement)
        let second = try QuadletRenderer().render(placement)
        #expect(first == second)
    }

    /// The order of containers, env entries and volumes in the JSON does not change the files.
    @Test(arguments: QuadletFixtures.cases.map(\.name))
    func inputOrderDoesNotChangeTheFiles(_ name: String) throws {
        let placement = try #require(QuadletFixtures.cases.first { $0.name == name }?.placement)
        var reordered = placement
        reordered.pod.spec.containers.reverse()
        reordered.pod.spec.volumes.reverse()
        for index in reordered.pod.spec.containers.indices {
            reordered.pod.spec.containers[index].env.reverse()
        }
        let expected = try QuadletRenderer().render(placement).map { [$0.path: $0.bytes] }
        let actual = try QuadletRenderer().render(reordered).map { [$0.path: $0.bytes] }
        #expect(actual == expected)
    }

    @Test func objectsComeInApplyOrder() throws {
        let placement = QuadletFixtures.place(
            (QuadletFixtures.volumes.pod, QuadletFixtures.corporate), on: QuadletFixtures.systemNode)
        let objects = try QuadletRenderer().render(placement)
        #expect(objects.map(\.path) == [
            "rag.network", "rag-corpus.volume", "rag-index.volume", "rag-scratch.volume", "rag.pod",
            "rag-api.container", "rag-indexer.container",
        ])
        #expect(objects.map(\.kind) == [
            .quadletNetwork, .quadletVolume, .quadletVolume, .quadletVolume, .quadletPod, .quadletContainer,
            .quadletContainer,
        ])
    }
}
