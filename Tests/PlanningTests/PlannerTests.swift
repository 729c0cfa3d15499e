import Formats
import PlaneModel
import Rendering
import Testing

@testable import Planning

private let node = Fleet.Node(name: "n1", stage: "dev", executor: .directory(path: "n1"))

private func desired(_ path: String, _ text: String, kind: RenderedObject.ObjectKind, bundle: String = "b", rank: Int = 0)
    -> DesiredObject
{
    let bytes = Array(text.utf8)
    let digest = SHA256.hex(bytes)
    let labels = [
        OwnershipLabel.managedBy: OwnershipLabel.managedByValue, OwnershipLabel.pod: "p",
        OwnershipLabel.bundle: bundle, OwnershipLabel.digest: digest,
    ]
    return DesiredObject(
        object: RenderedObject(path: path, bytes: bytes, kind: kind, labels: labels),
        bundleRank: rank, timeoutSeconds: 120)
}

private func observed(_ path: String, _ text: String, claimed: String? = nil) -> ObservedObject {
    let bytes = Array(text.utf8)
    let actual = SHA256.hex(bytes)
    return ObservedObject(path: path, claimedDigest: claimed ?? actual, actualDigest: actual, content: bytes)
}

@Suite("Planning")
struct PlannerTests {
    @Test func createsUpdatesDeletesAndNoOps() {
        let want = [
            desired("web.container", "new image\n", kind: .quadletContainer),
            desired("web.pod", "same\n", kind: .quadletPod),
            desired("web.network", "net\n", kind: .quadletNetwork),
        ]
        let have = NodeObservation(node: "n1", objects: [
            observed("web.container", "old image\n"), observed("web.pod", "same\n"), observed("old.container", "gone\n"),
            observed("old.volume", "gone\n"),
        ])
        let plan = Planner.plan(node: node, revision: "abc", desired: want, observed: have)
        #expect(plan.changes.map { "\($0.action.rawValue) \($0.path) (\($0.reason))" } == [
            "create web.network (new)",
            "update web.container (changed)",
            "delete old.container (no longer desired)",
            "delete old.volume (no longer desired)",
        ])
        #expect(plan.unchanged == 1)
        #expect(plan.changes[1].before == Array("old image\n".utf8))
        #expect(plan.changes[1].timeoutSeconds == 120)
    }

    @Test func aHandEditedFileIsDriftEvenWhenItsClaimedDigestMatches() {
        let want = desired("web.container", "content\n", kind: .quadletContainer)
        let edited = observed("web.container", "content edited by hand\n", claimed: want.contentDigest)
        let plan = Planner.plan(node: node, revision: "abc", desired: [want], observed: NodeObservation(node: "n1", objects: [edited]))
        #expect(plan.changes.map(\.reason) == ["drift"])
        #expect(plan.changes.first?.action == .update)
    }

    @Test func dependenciesFirstThenKindOrder() {
        let want = [
            desired("app.container", "x", kind: .quadletContainer, bundle: "app", rank: 1),
            desired("app.pod", "x", kind: .quadletPod, bundle: "app", rank: 1),
            desired("db.container", "x", kind: .quadletContainer, bundle: "db", rank: 0),
            desired("db.volume", "x", kind: .quadletVolume, bundle: "db", rank: 0),
        ]
        let plan = Planner.plan(node: node, revision: "r", desired: want, observed: NodeObservation(node: "n1", objects: []))
        #expect(plan.changes.map(\.path) == ["db.volume", "db.container", "app.pod", "app.container"])
    }

    @Test func bundleRanksFollowDependsOnAndSurviveCycles() {
        func bundle(_ name: String, _ deps: [String]) -> Bundle {
            Bundle(metadata: ObjectMeta(name: name), version: "1", spec: .init(pods: [], maxRunSeconds: 60, dependsOn: deps),
                   source: SourceRef(path: name))
        }
        let ranks = BundleOrder.ranks([bundle("app", ["db", "cache"]), bundle("cache", ["db"]), bundle("db", []), bundle("solo", [])])
        #expect(ranks == ["db": 0, "cache": 1, "app": 2, "solo": 0])
        let cyclic = BundleOrder.ranks([bundle("a", ["b"]), bundle("b", ["a"])])
        #expect(cyclic.count == 2)
    }

    @Test func planJSONRoundTripsByteForByte() throws {
        let want = [desired("web.container", "a\n", kind: .quadletContainer), desired("web.pod", "p\n", kind: .quadletPod)]
        var binary = observed("junk.container", "")
        binary.content = [0xFF, 0x00, 0xFE]
        let nodePlan = Planner.plan(node: node, revision: "abc", desired: want, observed: NodeObservation(node: "n1", objects: [binary]))
        let plan = Plan(
            revision: "abc", desiredTree: "d1", fleetTree: "f1", nodes: [nodePlan],
            denied: [ActivationDecision(pod: "x", profile: "p", bundle: "b", denials: [.init(rule: "registry", pointer: "/spec", message: "no")])],
            unplaceable: [PlacementDecision(pod: "y", stage: "dev", node: nil, losers: [
                .init(reason: "lacks capability gpu", runs: [.init(first: "n1", last: "n4"), .init(first: "n6", last: "n6")], count: 5),
                .init(reason: "not enough cpu: needs 2 cores, at most 1 cores left", nodes: ["n5"]),
            ])])
        let bytes = PlanJSON.encode(plan)
        let decoded = try PlanJSON.decode(bytes)
        #expect(decoded == plan)
        #expect(PlanJSON.encode(decoded) == bytes)
    }

    @Test func aMalformedPlanNamesWhere() {
        #expect(throws: PlanDecodingError.self) { try PlanJSON.decode(Array("{\"kind\":\"Plan\",\"nodes\":[{\"node\":1}]}".utf8)) }
        do {
            _ = try PlanJSON.decode(Array("{\"kind\":\"Plan\",\"revision\":\"r\",\"nodes\":[{\"node\":1}]}".utf8))
        } catch {
            #expect(error.description == "plan /nodes/0/changes: expected array")
        }
    }

    @Test func observationDigestChangesWithTheNode() {
        let a = NodeObservation(node: "n", objects: [observed("x", "1")])
        let b = NodeObservation(node: "n", objects: [observed("x", "2")])
        #expect(a.digest != b.digest)
        #expect(a.digest == NodeObservation(node: "n", objects: [observed("x", "1")]).digest)
    }

    /// Fast-path records of earlier runs hold these digests: the value is pinned to its
    /// definition, SHA-256 over "<path> <claimed> <actual> <state>" lines joined by newlines.
    @Test func observationDigestIsTheDigestOfItsLines() {
        let observations = [
            NodeObservation(node: "empty", objects: []),
            NodeObservation(node: "one", objects: [observed("a.pod", "x")]),
            NodeObservation(node: "mixed", objects: [
                observed("web/deployment.yaml", "kind: Deployment\n", claimed: "forged"),
                ObservedObject(path: "unclaimed.container", claimedDigest: nil),
                ObservedObject(path: "grüße pod.pod", claimedDigest: "c", actualDigest: "a", state: "running"),
            ]),
        ]
        for observation in observations {
            let lines = observation.objects.map {
                "\($0.path) \($0.claimedDigest ?? "-") \($0.actualDigest ?? "-") \($0.state ?? "-")"
            }
            #expect(observation.digest == PlanDigest.of(lines: lines), "\(observation.node)")
        }
        #expect(NodeObservation(node: "empty", objects: []).digest == SHA256.hex([UInt8]()))
    }
}
