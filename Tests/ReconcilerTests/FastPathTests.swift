import Foundation
import PlaneModel
import Testing

@testable import Reconciler

/// The no-op fast path of `reconcile`: what it reads, and what makes it step aside.
@Suite("fast path")
struct FastPathTests {
    @Test func theSecondInSyncRunAnswersFromFingerprintsWithoutObserving() throws {
        let world = try FastPathWorld()
        let first = try world.plan()
        #expect(!first.fastPath)
        #expect(first.plan.inSync)
        #expect(world.observer.observed == ["node-a", "node-b"])

        let second = try world.plan()
        #expect(second.fastPath)
        #expect(second.plan.inSync)
        #expect(second.plan.nodes.map(\.node) == ["node-a", "node-b"])
        #expect(world.observer.observed.isEmpty, "unchanged fingerprints: nothing is read")
        #expect(second.plan.nodes.map(\.observedDigest) == first.plan.nodes.map(\.observedDigest))
    }

    @Test func onlyTheNodeWhoseFingerprintChangedIsObservedAndTheRecordLearnsIt() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        world.observer.set("node-b", fingerprint: "touched")
        let touched = try world.plan()
        #expect(touched.fastPath)
        #expect(world.observer.observed == ["node-b"])
        // Same content under a new fingerprint: the next run need not read node-b again.
        let next = try world.plan()
        #expect(next.fastPath)
        #expect(world.observer.observed.isEmpty)
    }

    @Test func aNodeWithoutAFingerprintIsObservedEveryRun() throws {
        let world = try FastPathWorld()
        world.observer.set("node-a", fingerprint: nil)
        _ = try world.plan()
        for _ in 0..<2 {
            let outcome = try world.plan()
            #expect(outcome.fastPath)
            #expect(world.observer.observed == ["node-a"])
        }
    }

    @Test func anObjectFoundOnAChangedNodeLeavesTheFastPath() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        world.observer.set("node-b", fingerprint: "edited")
        world.observer.set("node-b", objects: [ObservedObject(path: "stray.container", claimedDigest: "abc", actualDigest: "abc")])
        let outcome = try world.plan()
        #expect(!outcome.fastPath)
        #expect(!outcome.plan.inSync)
        let changes = outcome.plan.nodes.first { $0.node == "node-b" }?.changes ?? []
        #expect(changes.map(\.path) == ["stray.container"])
        #expect(changes.map(\.action) == [.delete])
    }

    @Test func aChangedFleetDoesNotReuseTheCachedNodeList() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        #expect(try world.plan().fastPath)
        // A third node, and node-b moved to another folder: a new fleet tree.
        try world.commit(
            ["fleet/inventory.json": FastPathWorld.fleet(["node-a", "node-b", "node-c"]) { $0 == "node-b" ? "elsewhere/b" : "nodes/\($0)" }],
            "grow the fleet")
        world.observer.set("node-c", fingerprint: "print-node-c")
        let grown = try world.plan()
        #expect(!grown.fastPath, "a new fleet tree is a new run key")
        #expect(grown.plan.nodes.map(\.node) == ["node-a", "node-b", "node-c"])
        let again = try world.plan()
        #expect(again.fastPath)
        #expect(again.plan.nodes.map(\.node) == ["node-a", "node-b", "node-c"])
        #expect(again.nodes.map(\.executor) == [
            .directory(path: "nodes/node-a"), .directory(path: "elsewhere/b"), .directory(path: "nodes/node-c"),
        ])
        #expect(world.observer.fingerprintedExecutors["node-b"] == .directory(path: "elsewhere/b"))
    }

    @Test func aNodeFilterNamingAnUnknownNodeIsAnErrorOnTheFastPathToo() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        _ = try world.plan()
        #expect(throws: ReconcileError.self) { try world.plan(nodes: ["node-z"]) }
        let only = try world.plan(nodes: ["node-b"])
        #expect(only.plan.nodes.map(\.node) == ["node-b"])
    }

    @Test func theFastPathTakesTheFleetFromItsEntryForTheFleetTree() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        let fastpath = URL(fileURLWithPath: world.stateDirectory).appendingPathComponent("fastpath")
        let fleetFiles = try FileManager.default.contentsOfDirectory(atPath: fastpath.path).filter { $0.hasPrefix("fleet-") }
        #expect(fleetFiles.count == 1)
        let tree = String(try #require(fleetFiles.first).dropFirst("fleet-".count).dropLast(".json".count))
        let cache = FastPathCache(directory: world.stateDirectory)
        var facts = try #require(cache.fleet(tree: tree, version: "test"))
        #expect(facts.nodes.map(\.name) == ["node-a", "node-b"])
        // What the entry says is what the fast path uses: inventory.json is not read again.
        facts.nodes[1].executor = .directory(path: "from-the-entry")
        cache.storeFleet(facts, tree: tree, version: "test")
        #expect(try world.plan().fastPath)
        #expect(world.observer.fingerprintedExecutors["node-b"] == .directory(path: "from-the-entry"))
    }

    @Test func theFullPipelineObservesTheNodesOfTheValidatedFleetNotOfTheEntry() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        let fastpath = URL(fileURLWithPath: world.stateDirectory).appendingPathComponent("fastpath")
        let fleetFile = try #require(try FileManager.default.contentsOfDirectory(atPath: fastpath.path).first { $0.hasPrefix("fleet-") })
        let tree = String(fleetFile.dropFirst("fleet-".count).dropLast(".json".count))
        let cache = FastPathCache(directory: world.stateDirectory)
        // An entry that names another folder for node-b, where a stray file of ours lies.
        var facts = try #require(cache.fleet(tree: tree, version: "test"))
        facts.nodes[1].executor = .directory(path: "from-the-entry")
        cache.storeFleet(facts, tree: tree, version: "test")
        world.observer.set(
            executor: .directory(path: "from-the-entry"),
            objects: [ObservedObject(path: "stray.container", claimedDigest: "abc", actualDigest: "abc")])
        // A desired change: a new run key, so the full pipeline runs; the fleet tree stays.
        try world.commit(["desired/profiles/personal.json": FastPathWorld.profile + "\n"], "touch a profile")
        let outcome = try world.plan()
        #expect(!outcome.fastPath)
        #expect(outcome.plan.inSync, "node-b is planned from its folder in the inventory, not the entry's")
        #expect(outcome.nodes.map(\.executor) == [.directory(path: "nodes/node-a"), .directory(path: "nodes/node-b")])
    }

    @Test func onlyLocalFoldersAreObservedBeforeTheDesiredStateIsValidated() throws {
        let kubernetes = #"{"type": "kubernetes", "namespace": "agents"}"#
        let world = try FastPathWorld(nodes: ["node-a", "node-b", "node-c"], executors: ["node-b": kubernetes])
        let run = try world.builder.prepare(world.request())
        // node-b is observed through kubectl: not until the commit is known to be valid.
        let early = try #require(world.builder.observeEarly(run))
        #expect(early.nodes.map(\.name) == ["node-a", "node-c"])
        #expect(early.work.wait().observations.keys.sorted() == ["node-a", "node-c"])
        #expect(world.observer.observed == ["node-a", "node-c"])

        let outcome = try world.plan()
        #expect(outcome.plan.inSync)
        #expect(outcome.plan.nodes.map(\.node) == ["node-a", "node-b", "node-c"])
        #expect(world.observer.observed == ["node-a", "node-b", "node-c"], "each node observed once")
        #expect(try world.plan().fastPath)
    }

    @Test func aFleetOfProgramObservedNodesStartsNothingEarly() throws {
        let world = try FastPathWorld(nodes: ["node-a"], executors: ["node-a": #"{"type": "podman"}"#])
        #expect(try world.builder.observeEarly(world.builder.prepare(world.request())) == nil)
        #expect(try world.plan().plan.nodes.map(\.node) == ["node-a"])
    }

    @Test func aDamagedFleetEntryIsAMissAndIsWrittenAgain() throws {
        let world = try FastPathWorld()
        _ = try world.plan()
        let fastpath = URL(fileURLWithPath: world.stateDirectory).appendingPathComponent("fastpath")
        let fleetFiles = try FileManager.default.contentsOfDirectory(atPath: fastpath.path).filter { $0.hasPrefix("fleet-") }
        // A damaged cache entry is a miss, not an error: the fleet is read again and the entry rewritten.
        let entry = fastpath.appendingPathComponent(try #require(fleetFiles.first))
        try Data("{not json".utf8).write(to: entry)
        let outcome = try world.plan()
        #expect(outcome.fastPath)
        #expect(outcome.plan.nodes.map(\.node) == ["node-a", "node-b"])
        #expect(FastPathCache.readObject(entry.path) != nil)
    }
}
