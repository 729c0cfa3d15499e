import Foundation
import Testing

/// `agentplane reconcile` (applying) when nothing changed: it answers from the fast path without
/// touching the state database, and still checks its arguments.
@Suite("reconcile (apply) in sync")
struct ReconcileInSyncTests {
    typealias World = ReconcileDryRunTests.World

    func apply(_ world: World, _ extra: [String] = []) -> CommandResult {
        runInProcess(["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path] + extra)
    }

    var databaseFiles: [String] { ["state.db", "state.db-wal", "state.db-shm"] }

    @Test func anInSyncRunLeavesTheStateDatabaseAloneAndDriftStillApplies() throws {
        let world = try World()
        #expect(apply(world).code == 0)
        #expect(apply(world).stdout.contains("in sync: no changes on 2 nodes"))
        for name in databaseFiles { try? FileManager.default.removeItem(at: world.state.appendingPathComponent(name)) }

        let quiet = apply(world)
        #expect(quiet.code == 0, "\(quiet.stdout)\(quiet.stderr)")
        #expect(quiet.stdout == "in sync at \(try world.repo.git("rev-parse", "HEAD").prefix(12)): nothing changed since the last run\n")
        #expect(!FileManager.default.fileExists(atPath: world.state.appendingPathComponent("state.db").path))

        // A hand edit leaves the fast path: the run opens the database, applies and records.
        try Data("# Managed by agentplane. Do not edit.\nedited by hand\n".utf8).write(to: world.nodeFile("dev-b", "web-main.container"))
        let repaired = apply(world)
        #expect(repaired.code == 0, "\(repaired.stdout)\(repaired.stderr)")
        #expect(repaired.stdout.contains("web-main.container"))
        #expect(FileManager.default.fileExists(atPath: world.state.appendingPathComponent("state.db").path))
    }

    @Test func argumentsAreCheckedEvenWhenNothingChanged() throws {
        let world = try World()
        #expect(apply(world).code == 0)
        #expect(apply(world).code == 0)
        let result = apply(world, ["--lease-wait", "soon"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("--lease-wait takes a duration such as 30s, not 'soon'"))
    }
}
