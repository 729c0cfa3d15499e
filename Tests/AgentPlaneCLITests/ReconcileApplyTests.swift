import Foundation
import StateStore
import Testing

/// `agentplane reconcile` applying to directory nodes: convergence, smoke checks, leases,
/// a damaged database, drift, and crash safety at every action boundary.
@Suite("reconcile (apply)")
struct ReconcileApplyTests {
    typealias World = ReconcileDryRunTests.World

    func apply(_ world: World, _ extra: [String] = []) -> CommandResult {
        runInProcess(["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path] + extra)
    }

    /// The files a converged node must hold: exactly what `render` produces.
    func expectConverged(_ world: World, _ node: String) throws {
        let expected = FileManager.default.temporaryDirectory.appendingPathComponent("ap-expected-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: expected) }
        let rendered = runInProcess(["render", "--node", node, "--out", expected.path, world.repo.path])
        #expect(rendered.code == 0)
        let want = try FileManager.default.contentsOfDirectory(atPath: expected.path).sorted()
        let have = try FileManager.default.contentsOfDirectory(atPath: world.state.appendingPathComponent("nodes/\(node)").path).sorted()
        #expect(have == want, "node \(node) holds \(have), expected \(want)")
        for name in want {
            let a = try Data(contentsOf: expected.appendingPathComponent(name))
            let b = try Data(contentsOf: world.state.appendingPathComponent("nodes/\(node)/\(name)"))
            #expect(a == b, "\(node)/\(name) differs")
        }
    }

    @Test func applyConvergesAndTheNextRunIsInSync() throws {
        let world = try World()
        let first = apply(world)
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("✓ dev-a: created db.pod"))
        #expect(first.stdout.contains(": succeeded (6 applied"))
        try expectConverged(world, "dev-a")
        try expectConverged(world, "dev-b")
        let second = apply(world)
        #expect(second.code == 0)
        #expect(second.stdout.contains("in sync: no changes on 2 nodes"))
        let third = apply(world)
        #expect(third.stdout.contains("nothing changed since the last run"))
        let status = runInProcess(["status", "--state-dir", world.state.path])
        #expect(status.stdout.contains("dev-a"))
        #expect(status.stdout.contains("succeeded"))
        let history = runInProcess(["history", "--state-dir", world.state.path, "--output", "json"])
        #expect(history.stdout.contains("\"result\": \"succeeded\""))
        #expect(history.stdout.contains("\"path\": \"db.pod\""))
    }

    @Test func driftIsRepairedAndForeignFilesSurvive() throws {
        let world = try World()
        #expect(apply(world).code == 0)
        let file = world.nodeFile("dev-b", "web-main.container")
        try Data("# Managed by agentplane. Do not edit.\nedited by hand\n".utf8).write(to: file)
        let foreign = world.nodeFile("dev-b", "operator-notes.txt")
        try Data("mine\n".utf8).write(to: foreign)
        let result = apply(world)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("~ update  web-main.container  (drift)"))
        try expectConverged(world, "dev-a")
        #expect(try String(contentsOf: foreign, encoding: .utf8) == "mine\n")
    }

    @Test func aFailingSmokeCheckFailsTheRunWithItsOutput() throws {
        let world = try World()
        var bundle = DesiredFixture.bundle("base", pods: ["db"])
        bundle = bundle.replacingOccurrences(
            of: "\"components\"",
            with: "\"smoke\": [{\"name\": \"db-ready\", \"pod\": \"db\", \"exec\": [\"sh\", \"-c\", \"echo checking; echo not ready >&2; exit 3\"], \"timeoutSeconds\": 5}],\n    \"components\"")
        try world.repo.write("desired/bundles/base.json", bundle)
        try world.repo.commit("a failing smoke check")
        let result = apply(world)
        #expect(result.code == 1)
        #expect(result.stdout.contains("✗ smoke db-ready on dev-a (exit 3)"))
        #expect(result.stdout.contains("not ready"))
        #expect(result.stdout.contains(": failed"))
        let history = runInProcess(["history", "--state-dir", world.state.path])
        #expect(history.stdout.contains("failed"))
    }

    @Test func aNodeHeldByAnotherReconcilerIsRefusedNamingTheHolder() throws {
        let world = try World()
        let store = try StateStore.open(directory: world.state.path)
        _ = try store.acquireLease(node: "dev-a", holder: "control-2:4242:other-run", ttl: 600, wait: 0)
        let result = apply(world, ["--lease-wait", "1s"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("dev-a: node dev-a is being reconciled by control-2:4242:other-run"))
        // The other node is still applied: one node failing does not stop the others.
        #expect(result.stdout.contains("✓ dev-b: created web.pod"))
    }

    @Test func aDamagedDatabaseIsRebuiltAndTheRunStillConverges() throws {
        let world = try World()
        try FileManager.default.createDirectory(at: world.state, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 4096).write(to: world.state.appendingPathComponent("state.db"))
        let result = apply(world)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("the state database was damaged; moved to"))
        try expectConverged(world, "dev-a")
    }

    /// kill -9 at every action boundary of a 6-action plan, then run again: the nodes converge,
    /// nothing is duplicated or left behind, and history shows the killed run as interrupted.
    @Test func killedAtEveryActionBoundaryThenRerunConverges() throws {
        let actions = 6
        for boundary in 0..<(2 * actions) {
            let world = try World()
            let killed = try runBinary(
                ["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path], in: world.repo.path,
                environment: ["AGENTPLANE_FAULT_KILL_AT": "\(boundary)"])
            #expect(killed.code != 0, "boundary \(boundary): the run was not killed")
            let rerun = try runBinary(["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path], in: world.repo.path)
            #expect(rerun.code == 0, "boundary \(boundary): \(rerun.stdout)\(rerun.stderr)")
            try expectConverged(world, "dev-a")
            try expectConverged(world, "dev-b")
            let leftovers = try FileManager.default.subpathsOfDirectory(atPath: world.state.appendingPathComponent("nodes").path)
                .filter { $0.contains(".tmp") || $0.contains(".agentplane-") }
            #expect(leftovers.isEmpty, "boundary \(boundary): leftovers \(leftovers)")
            let history = try runBinary(["history", "--state-dir", world.state.path], in: world.repo.path)
            #expect(history.stdout.contains("interrupted"), "boundary \(boundary): \(history.stdout)")
        }
    }
}
