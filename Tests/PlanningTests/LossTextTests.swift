import PlaneModel
import Planning
import Testing

@Suite("Placement loss text")
struct LossTextTests {
    @Test func oneNodeIsItsNameSeveralAreCountedLongListsAreCut() {
        #expect(LossText.nodes(.init(reason: "r", nodes: ["dev-a"])) == "dev-a")
        let runs = [PlacementDecision.NodeRun(first: "n0", last: "n4"), .init(first: "n6", last: "n6")]
        #expect(LossText.nodes(.init(reason: "r", runs: runs, count: 6)) == "n0..n4, n6 (6 nodes)")
        let many = (0..<9).map { PlacementDecision.NodeRun(first: "n\($0 * 2)", last: "n\($0 * 2)") }
        #expect(LossText.nodes(.init(reason: "r", runs: many, count: 9))
            == "n0, n2, n4, n6, n8, n10, and 3 more runs (9 nodes)")
    }

    @Test func runTextReadsBack() {
        for run in [PlacementDecision.NodeRun(first: "a", last: "a"), .init(first: "node-0000", last: "node-0499")] {
            #expect(PlacementDecision.NodeRun(text: run.text) == run)
        }
    }
}
