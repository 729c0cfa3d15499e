import Foundation
import Formats
import Testing

/// `agentplane reconcile --dry-run` on real git repositories, with the directory executor.
@Suite("reconcile --dry-run")
struct ReconcileDryRunTests {
    /// A repository with the fixture committed, and a fresh state directory.
    struct World {
        let repo: GitSandbox
        let state: URL

        init() throws {
            repo = try GitSandbox("dryrun")
            try DesiredFixture.write(into: repo)
            try repo.commit("initial desired state")
            state = repo.root.deletingLastPathComponent().appendingPathComponent("state")
        }

        func dryRun(_ extra: [String] = []) -> CommandResult {
            runInProcess(["reconcile", "--dry-run", "--repo", repo.path, "--state-dir", state.path] + extra)
        }

        /// Puts a node in the desired state the way apply would: the rendered files in its folder.
        func converge(_ node: String) throws {
            let result = runInProcess(["render", "--node", node, "--out", state.appendingPathComponent("nodes/\(node)").path, repo.path])
            #expect(result.code == 0, "\(result.stderr)")
        }

        func nodeFile(_ node: String, _ path: String) -> URL {
            state.appendingPathComponent("nodes/\(node)/\(path)")
        }
    }

    @Test func aFreshFleetShowsEveryCreateGroupedByNode() throws {
        let world = try World()
        let result = world.dryRun()
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stdout.contains("node dev-a (stage dev, directory"))
        #expect(result.stdout.contains("+ create  db.pod"))
        #expect(result.stdout.contains("+ create  worker-main.container"))
        #expect(result.stdout.contains("+++ dev-b/web-main.container (desired)"))
        #expect(result.stdout.contains("6 to create, 0 to update, 0 to delete on 2 nodes"))
        #expect(result.stderr.contains("stage staging: nothing promoted yet"))
        // Dependencies first: db (bundle base) before worker (bundle app) on dev-a.
        let db = try #require(result.stdout.range(of: "+ create  db.pod"))
        let worker = try #require(result.stdout.range(of: "+ create  worker.pod"))
        #expect(db.lowerBound < worker.lowerBound)
        // A dry-run changes nothing on any node.
        #expect(!FileManager.default.fileExists(atPath: world.state.appendingPathComponent("nodes").path))
    }

    @Test func theSameInputsGiveTheSamePlanByteForByte() throws {
        let world = try World()
        let first = world.dryRun(["--output", "json"])
        let second = world.dryRun(["--output", "json"])
        #expect(first.code == 2)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\"kind\": \"Plan\""))
    }

    @Test func inSyncThenFastPath() throws {
        let world = try World()
        try world.converge("dev-a")
        try world.converge("dev-b")
        let first = world.dryRun()
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("in sync: no changes on 2 nodes"))
        let second = world.dryRun()
        #expect(second.code == 0)
        #expect(second.stdout.contains("nothing changed since the last run"))
    }

    @Test func timingsGoToStderrAndLeaveThePlanAlone() throws {
        let world = try World()
        let plain = world.dryRun()
        let timed = world.dryRun(["--timings"])
        #expect(timed.code == plain.code)
        #expect(timed.stdout == plain.stdout)
        let line = try #require(timed.stderr.split(separator: "\n").first { $0.hasPrefix("timings: ") })
        for stage in ["read", "validate", "observe", "admit", "place", "render", "plan", "print", "total"] {
            #expect(line.contains("\(stage) "), "\(line)")
        }
        #expect(!plain.stderr.contains("timings:"))
    }

    @Test func aCommitThatChangesAPodIsAnUpdateWithADiff() throws {
        let world = try World()
        try world.converge("dev-a")
        try world.converge("dev-b")
        try world.repo.write("desired/agentpods/web.json",
                             DesiredFixture.pod("web", bundle: "app", image: "docker.io/library/busybox:1.37"))
        try world.repo.commit("web: busybox 1.37")
        let result = world.dryRun()
        #expect(result.code == 2)
        #expect(result.stdout.contains("~ update  web-main.container  (changed) pod web"))
        #expect(result.stdout.contains("-Image=docker.io/library/busybox:1.36"))
        #expect(result.stdout.contains("+Image=docker.io/library/busybox:1.37"))
        #expect(result.stdout.contains("0 to create, 1 to update, 0 to delete on 1 node"))
    }

    @Test func aCommitThatDeletesAPodIsADelete() throws {
        let world = try World()
        try world.converge("dev-a")
        try world.converge("dev-b")
        try world.repo.remove("desired/agentpods/worker.json")
        try world.repo.write("desired/bundles/app.json", DesiredFixture.bundle("app", pods: ["web"], dependsOn: ["base"]))
        try world.repo.commit("drop worker")
        let result = world.dryRun()
        #expect(result.code == 2)
        #expect(result.stdout.contains("- delete  worker-main.container  (no longer desired)"))
        #expect(result.stdout.contains("- delete  worker.pod"))
        // Deletes run in reverse order: the container before its pod.
        let container = try #require(result.stdout.range(of: "- delete  worker-main.container"))
        let pod = try #require(result.stdout.range(of: "- delete  worker.pod"))
        #expect(container.lowerBound < pod.lowerBound)
    }

    @Test func aCommitTouchingOnlyEvidenceCausesNoWork() throws {
        let world = try World()
        try world.converge("dev-a")
        try world.converge("dev-b")
        #expect(world.dryRun().code == 0)
        try world.repo.write("evidence/run-1/SUMMARY.md", "# run 1\n")
        try world.repo.commit("evidence only")
        let result = world.dryRun()
        #expect(result.code == 0)
        #expect(result.stdout.contains("nothing changed since the last run"))
    }

    @Test func anInvalidCommitExits1WithFileLineColumnAndChangesNothing() throws {
        let world = try World()
        try world.repo.write("desired/agentpods/web.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "AgentPod",
              "metadata": {"name": "web"},
              "spec": {"bundle": "app", "profile": "personal", "containers": [{"name": "main", "image": 42}]}
            }

            """)
        try world.repo.commit("broken")
        let result = world.dryRun()
        #expect(result.code == 1)
        #expect(result.stderr.contains("desired/agentpods/web.json:5:93: error: /spec/containers/0/image: expected string, got number"))
        #expect(result.stderr.contains("nothing was changed"))
        #expect(!FileManager.default.fileExists(atPath: world.state.appendingPathComponent("nodes").path))
    }

    /// The semantic rules run beside admission and placement; a commit that breaks only them
    /// must still stop the run before anything is planned.
    @Test func aCommitWithOnlyASemanticErrorExits1AndPlansNothing() throws {
        let world = try World()
        try world.repo.write("desired/agentpods/web.json", DesiredFixture.pod("web", bundle: "no-such-bundle"))
        try world.repo.commit("web names a bundle that does not exist")
        let result = world.dryRun(["--timings"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("desired/agentpods/web.json:"))
        #expect(result.stderr.contains("no-such-bundle"))
        #expect(result.stderr.contains("nothing was changed"))
        #expect(!result.stdout.contains("Plan for revision"))
        #expect(!result.stderr.contains("timings:"))
        #expect(!FileManager.default.fileExists(atPath: world.state.appendingPathComponent("nodes").path))
    }

    @Test func refSelectsAnOlderCommit() throws {
        let world = try World()
        let first = try world.repo.git("rev-parse", "HEAD")
        try world.repo.remove("desired/agentpods/worker.json")
        try world.repo.write("desired/bundles/app.json", DesiredFixture.bundle("app", pods: ["web"], dependsOn: ["base"]))
        try world.repo.commit("drop worker")
        let head = world.dryRun()
        #expect(!head.stdout.contains("worker"))
        let old = world.dryRun(["--ref", String(first.prefix(10))])
        #expect(old.code == 2)
        #expect(old.stdout.contains("+ create  worker.pod"))
        #expect(old.stdout.contains("Plan for revision \(first.prefix(12))"))
        let missing = world.dryRun(["--ref", "no-such-branch"])
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("no-such-branch"))
    }

    @Test func aHandEditedManagedFileIsDrift() throws {
        let world = try World()
        try world.converge("dev-a")
        try world.converge("dev-b")
        #expect(world.dryRun().code == 0)
        let file = world.nodeFile("dev-b", "web-main.container")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "busybox:1.36", with: "busybox:evil")
        try Data(text.utf8).write(to: file)
        // A file without our header is not ours: never planned against.
        try Data("[Container]\nImage=x\n".utf8).write(to: world.nodeFile("dev-a", "mine.container"))
        let result = world.dryRun()
        #expect(result.code == 2)
        #expect(result.stdout.contains("~ update  web-main.container  (drift) pod web"))
        #expect(result.stdout.contains("-Image=docker.io/library/busybox:evil"))
        #expect(!result.stdout.contains("mine.container"))
    }

    @Test func nodeFilterAndUnknownNode() throws {
        let world = try World()
        let only = world.dryRun(["--node", "dev-b"])
        #expect(only.code == 2)
        #expect(only.stdout.contains("node dev-b"))
        #expect(!only.stdout.contains("node dev-a"))
        let unknown = world.dryRun(["--node", "dev-z"])
        #expect(unknown.code == 1)
        #expect(unknown.stderr.contains("unknown node 'dev-z'; the fleet has: dev-a, dev-b, staging-a"))
    }

    @Test func laterStagesFollowTheirPointer() throws {
        let world = try World()
        let first = try world.repo.git("rev-parse", "HEAD")
        try world.repo.write("desired/agentpods/web.json",
                             DesiredFixture.pod("web", bundle: "app", image: "docker.io/library/busybox:1.37"))
        try world.repo.write("state/pointers/stages/staging.json", "{\"revision\": \"\(first)\"}\n")
        try world.repo.commit("promote the first revision to staging")
        let result = world.dryRun(["--node", "staging-a"])
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stdout.contains("node staging-a (stage staging, directory, revision \(first.prefix(12)))"))
        // Staging runs the promoted revision (busybox 1.36), not the tip (1.37).
        #expect(result.stdout.contains("+Image=docker.io/library/busybox:1.36"))
        #expect(!result.stdout.contains("busybox:1.37"))
    }

    @Test func unplaceablePodsAreErrorsWithReasons() throws {
        let world = try World()
        try world.repo.write("desired/agentpods/worker.json",
                             DesiredFixture.pod("worker", bundle: "app", selector: "\"zone\": \"mars\""))
        try world.repo.commit("worker to mars")
        let result = world.dryRun()
        #expect(result.code == 1)
        #expect(result.stdout.contains("pod worker (stage dev): no node fits"))
        #expect(result.stdout.contains("dev-a: node selector zone=mars: node has zone=a"))
        #expect(result.stdout.contains("1 pod unplaceable"))
    }
}

@Suite("reconcile --dry-run JSON")
struct ReconcileDryRunJSONTests {
    @Test func jsonOutputFollowsThePlanSchemaForBothValidators() throws {
        let world = try ReconcileDryRunTests.World()
        try world.repo.write("desired/agentpods/worker.json",
                             DesiredFixture.pod("worker", bundle: "app", selector: "\"zone\": \"mars\""))
        try world.repo.commit("an unplaceable pod too")
        let result = world.dryRun(["--output", "json"])
        #expect(result.code == 1)
        let schemaURL = repositoryRoot.appendingPathComponent("schemas/plan.schema.json")
        let schema = try JSONSchema(JSONReader.parse(Array(try Data(contentsOf: schemaURL))))
        let instance = try JSONReader.parse(result.stdout)
        #expect(schema.validate(instance).isEmpty)
        #expect(instance["unplaceable"]?[0]?["pod"]?.stringValue == "worker")

        let file = world.state.deletingLastPathComponent().appendingPathComponent("plan.json")
        try Data(result.stdout.utf8).write(to: file)
        let python = ProcessInfo.processInfo.environment["AGENTPLANE_TEST_PYTHON"] ?? "python3"
        let check = try runTool(python, ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); plan = json.load(open(sys.argv[2]))
            jsonschema.Draft202012Validator(schema).validate(plan); print("ok")
            """, schemaURL.path, file.path])
        #expect(check.code == 0, "python jsonschema (run `make test` for the venv): \(check.stderr)")
        #expect(check.stdout == "ok\n")
    }
}

/// Runs an outside tool found on PATH (or by absolute path).
func runTool(_ tool: String, _ arguments: [String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
