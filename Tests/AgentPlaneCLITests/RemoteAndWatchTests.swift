import Foundation
import Testing

/// A bare remote as the desired-state repository, concurrent reconcilers promoting to it, and
/// the watch loop (drift, invalid commits, SIGTERM, metrics).
@Suite("remote and watch")
struct RemoteAndWatchTests {
    /// The fixture pushed to a bare remote; returns the world and the remote URL.
    func remoteWorld() throws -> (ReconcileDryRunTests.World, String) {
        let world = try ReconcileDryRunTests.World()
        let bare = world.repo.root.deletingLastPathComponent().appendingPathComponent("remote.git")
        try world.repo.git("clone", "-q", "--bare", world.repo.path, bare.path)
        return (world, "file://" + bare.path)
    }

    @Test func reconcilersPromotingToOneBareRemoteAtOnceAllLand() throws {
        let (world, url) = try remoteWorld()
        // Four reconcilers, each with its own state dir and node, run at the same time.
        let nodes = ["dev-a", "dev-b", "dev-a", "dev-b"]
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var all: [CommandResult] = []
            func add(_ r: CommandResult) {
                lock.lock()
                all.append(r)
                lock.unlock()
            }
        }
        let results = Results()
        let group = DispatchGroup()
        let statePath = world.state.path
        let repoPath = world.repo.path
        for (index, node) in nodes.enumerated() {
            group.enter()
            DispatchQueue.global().async {
                let state = statePath + "/r\(index)"
                let result = (try? runBinary(
                    ["reconcile", "--repo", url, "--state-dir", state, "--node", node, "--author", "Bot \(index) <bot@example.com>"],
                    in: repoPath)) ?? CommandResult(code: -1, stdout: "", stderr: "could not start")
                results.add(result)
                group.leave()
            }
        }
        group.wait()
        for result in results.all { #expect(result.code == 0, "\(result.stdout)\(result.stderr)") }
        let bare = String(url.dropFirst("file://".count))
        let branches = try world.repo.git("--git-dir", bare, "branch", "--list", "agentplane/promote/*").split(separator: "\n")
        #expect(branches.count == 4, "every run's evidence landed: \(branches)")
        for branch in branches {
            let name = branch.trimmingCharacters(in: .whitespaces)
            let run = String(name.dropFirst("agentplane/promote/".count))
            let files = try world.repo.git("--git-dir", bare, "ls-tree", "-r", "--name-only", name, "evidence/\(run)")
            #expect(files.split(separator: "\n").count == 7, "\(name): \(files)")
        }
        // A reviewer approves them all against the remote, one after another.
        let review = world.state.appendingPathComponent("review").path
        let list = runInProcess(["promote", "list", "--repo", url, "--state-dir", review])
        #expect(list.stdout.contains("origin/agentplane/promote/"))
        for branch in branches {
            let name = branch.trimmingCharacters(in: .whitespaces)
            let approve = runInProcess(["promote", "approve", name, "--repo", url, "--state-dir", review, "--author", "Rita <rita@example.com>"])
            #expect(approve.code == 0, "\(name): \(approve.stderr)")
        }
        let merged = try world.repo.git("--git-dir", bare, "ls-tree", "--name-only", "main", "evidence/")
        #expect(merged.split(separator: "\n").count == 4, "no evidence lost: \(merged)")
        #expect(try world.repo.git("--git-dir", bare, "branch", "--list", "agentplane/promote/*").isEmpty)
    }

    @Test func watchCorrectsDriftKeepsTheLastGoodRevisionAndStopsOnSIGTERM() throws {
        let world = try ReconcileDryRunTests.World()
        let metrics = world.state.appendingPathComponent("metrics/agentplane.prom")
        let binary = try agentplaneBinary()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["reconcile", "--watch", "--interval", "300ms", "--repo", world.repo.path, "--state-dir", world.state.path,
                             "--metrics-file", metrics.path]
        let errors = world.state.deletingLastPathComponent().appendingPathComponent("watch.log")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        func waitFor(_ what: String, _ condition: () -> Bool) {
            let deadline = Date().addingTimeInterval(30)
            while !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            #expect(condition(), "timed out waiting for \(what)")
        }
        let pod = world.nodeFile("dev-a", "db.pod")
        waitFor("the first apply") { FileManager.default.fileExists(atPath: pod.path) }
        // Drift: a hand edit is put right on a later tick.
        let original = try Data(contentsOf: pod)
        try Data("# Managed by agentplane. Do not edit.\nhand edit\n".utf8).write(to: pod)
        waitFor("drift to be corrected") { (try? Data(contentsOf: pod)) == original }
        // An invalid commit: the loop keeps the last good revision and says why.
        try world.repo.write("desired/agentpods/db.json", "{ not json")
        try world.repo.commit("broken")
        waitFor("the invalid revision to be reported") {
            (try? String(contentsOf: errors, encoding: .utf8))?.contains("reconciling the last good revision") == true
        }
        try Data("# Managed by agentplane. Do not edit.\nagain\n".utf8).write(to: pod)
        waitFor("drift to be corrected at the last good revision") { (try? Data(contentsOf: pod)) == original }
        waitFor("the metrics file") { FileManager.default.fileExists(atPath: metrics.path) }
        let text = try String(contentsOf: metrics, encoding: .utf8)
        #expect(text.contains("agentplane_reconciles_total{result=\"success\"}"))
        #expect(text.contains("agentplane_last_success_timestamp_seconds"))
        // SIGTERM: finish, release, exit 0.
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect((try? String(contentsOf: errors, encoding: .utf8))?.contains("stopping: leases released") == true)
    }
}
