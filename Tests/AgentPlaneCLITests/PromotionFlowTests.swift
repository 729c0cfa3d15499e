import Foundation
import Testing

/// Evidence, promotion branches and approvals on a real git repository: dev → staging → prod.
@Suite("promotion")
struct PromotionFlowTests {
    /// The fixture with a third stage and a prod node.
    static func world() throws -> ReconcileDryRunTests.World {
        let world = try ReconcileDryRunTests.World()
        let prod = """
            ,
                  {"name": "prod-a", "stage": "prod", "capacity": {"cpu": "4", "memory": "8Gi"},
                   "executor": {"type": "directory", "path": "nodes/prod-a"}}
            """
        try world.repo.write("fleet/inventory.json",
                             DesiredFixture.fleet(extraNodes: prod).replacingOccurrences(of: "[\"dev\", \"staging\"]", with: "[\"dev\", \"staging\", \"prod\"]"))
        try world.repo.commit("add prod")
        return world
    }

    func reconcile(_ world: ReconcileDryRunTests.World, _ extra: [String] = []) -> CommandResult {
        runInProcess(["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path, "--author", "Bot <bot@example.com>"] + extra)
    }

    func promote(_ world: ReconcileDryRunTests.World, _ arguments: [String]) -> CommandResult {
        runInProcess(["promote"] + arguments + ["--repo", world.repo.path, "--state-dir", world.state.path])
    }

    func branches(_ world: ReconcileDryRunTests.World) throws -> [String] {
        try world.repo.git("branch", "--list", "agentplane/promote/*", "--format=%(refname:short)")
            .split(separator: "\n").map(String.init)
    }

    @Test func devThenStagingThenProdWithApprovals() throws {
        let world = try Self.world()
        let revision = try world.repo.git("rev-parse", "HEAD")

        // dev converges; its run proposes staging.
        let dev = reconcile(world)
        #expect(dev.code == 0, "\(dev.stdout)\(dev.stderr)")
        #expect(dev.stdout.contains("evidence: "))
        let first = try #require(try branches(world).first)
        let files = try world.repo.git("ls-tree", "-r", "--name-only", first)
        #expect(files.contains("state/pointers/nodes/dev-a.json"))
        #expect(files.contains("state/pointers/stages/staging.json"))
        #expect(files.contains("SUMMARY.md"))
        #expect(!files.contains("state/pointers/stages/prod.json"))
        let show = promote(world, ["show", first])
        #expect(show.code == 0)
        #expect(show.stdout.contains("## What changed"))
        #expect(show.stdout.contains("evidence verifies"))
        #expect(!FileManager.default.fileExists(atPath: world.state.appendingPathComponent("nodes/staging-a").path))

        // Approval merges the branch; staging picks the revision up on the next run.
        let approve = promote(world, ["approve", first, "--author", "Rita Reviewer <rita@example.com>"])
        #expect(approve.code == 0, "\(approve.stderr)")
        #expect(try branches(world).isEmpty)
        #expect(try world.repo.git("log", "-1", "--format=%an %P").hasPrefix("Rita Reviewer "))
        let staging = reconcile(world)
        #expect(staging.code == 0, "\(staging.stdout)\(staging.stderr)")
        #expect(staging.stdout.contains("node staging-a (stage staging, directory, revision \(revision.prefix(12)))"))
        #expect(FileManager.default.fileExists(atPath: world.state.appendingPathComponent("nodes/staging-a/db.pod").path))
        let second = try #require(try branches(world).first)
        #expect(try world.repo.git("ls-tree", "-r", "--name-only", second).contains("state/pointers/stages/prod.json"))
        #expect(promote(world, ["approve", second]).code == 0)

        let prod = reconcile(world)
        #expect(prod.code == 0, "\(prod.stdout)\(prod.stderr)")
        #expect(FileManager.default.fileExists(atPath: world.state.appendingPathComponent("nodes/prod-a/web.pod").path))
        let third = try #require(try branches(world).first)
        #expect(promote(world, ["approve", third]).code == 0)

        // Three runs, one chain; each replays to the same digests.
        let verify = runInProcess(["evidence", "verify", world.repo.path])
        #expect(verify.code == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("verified: 3 runs"))
        let runs = try FileManager.default.contentsOfDirectory(atPath: world.repo.root.appendingPathComponent("evidence").path).sorted()
        #expect(runs.count == 3)
        for run in runs {
            let replay = runInProcess(["replay", run, world.repo.path])
            #expect(replay.code == 0, "\(replay.stdout)\(replay.stderr)")
        }
        // A run that changes nothing writes nothing.
        let idle = reconcile(world)
        #expect(idle.code == 0)
        #expect(try branches(world).isEmpty)
    }

    @Test func approvalRefusesTamperedEvidenceAndForeignPaths() throws {
        let world = try Self.world()
        #expect(reconcile(world).code == 0)
        let branch = try #require(try branches(world).first)
        let run = String(branch.dropFirst("agentplane/promote/".count))
        // Tamper with an artifact on the branch.
        try world.repo.git("checkout", "-q", branch)
        let file = world.repo.root.appendingPathComponent("evidence/\(run)/placement.json")
        var bytes = try Data(contentsOf: file)
        bytes[20] ^= 0x01
        try bytes.write(to: file)
        try world.repo.commit("tamper")
        try world.repo.git("checkout", "-q", "main")
        let refused = promote(world, ["approve", branch])
        #expect(refused.code == 1)
        #expect(refused.stderr.contains("placement.json was modified"))
        // A branch that also changes desired state is refused outright.
        try world.repo.git("checkout", "-q", branch)
        try world.repo.git("reset", "-q", "--hard", "HEAD~1")
        try world.repo.write("desired/agentpods/sneaky.json", "{}\n")
        try world.repo.commit("sneak in a pod")
        try world.repo.git("checkout", "-q", "main")
        let foreign = promote(world, ["approve", branch])
        #expect(foreign.code == 1)
        #expect(foreign.stderr.contains("changes files outside evidence/ and state/: desired/agentpods/sneaky.json"))
        #expect(try branches(world) == [branch])
    }

    @Test func rejectDeletesTheBranchAndRollbackReturnsToThePreviousRevision() throws {
        let world = try Self.world()
        let old = try world.repo.git("rev-parse", "HEAD")
        #expect(reconcile(world, ["--node", "dev-a", "--node", "dev-b"]).code == 0)
        let first = try #require(try branches(world).first)
        #expect(promote(world, ["approve", first]).code == 0)
        try world.repo.write("desired/agentpods/db.json", DesiredFixture.pod("db", bundle: "base", image: "docker.io/library/busybox:1.37"))
        try world.repo.commit("db: 1.37")
        #expect(reconcile(world, ["--node", "dev-a"]).code == 0)
        let second = try #require(try branches(world).first)
        let approveSecond = promote(world, ["approve", second])
        #expect(approveSecond.code == 0, "\(approveSecond.stderr)")
        let pod = world.nodeFile("dev-a", "db-main.container")
        #expect(try String(contentsOf: pod, encoding: .utf8).contains("busybox:1.37"))

        let rollback = runInProcess(["rollback", "--node", "dev-a", "--repo", world.repo.path, "--state-dir", world.state.path])
        #expect(rollback.code == 0, "\(rollback.stdout)\(rollback.stderr)")
        #expect(rollback.stderr.contains("rolling dev-a back to \(old.prefix(12))"))
        #expect(try String(contentsOf: pod, encoding: .utf8).contains("busybox:1.36"))
        let third = try #require(try branches(world).first)
        let summary = try world.repo.git("show", "\(third):evidence/\(third.dropFirst("agentplane/promote/".count))/SUMMARY.md")
        #expect(summary.contains("| reason | rollback of dev-a to \(old.prefix(12))"))

        let reject = promote(world, ["reject", third, "--reason", "keep 1.37, fixed forward instead"])
        #expect(reject.code == 0)
        #expect(reject.stdout.contains("rejected \(third)"))
        #expect(try branches(world).isEmpty)
        let missingReason = promote(world, ["reject", "whatever"])
        #expect(missingReason.code == 64)
    }
}
