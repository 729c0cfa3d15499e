import Foundation
import Testing

/// No secret value ever reaches an artifact, a commit or a log line: values planted in a
/// secretRef's Podman secret, in the process environment and in smoke-check output are searched
/// for everywhere agentplane writes.
@Suite("secrets")
struct SecretLeakTests {
    @Test func plantedSecretsAppearInNoArtifactLogOrDatabase() throws {
        let world = try ReconcileDryRunTests.World()
        let envSecret = "env-secret-\(UUID().uuidString)"
        let smokeSecret = "smoke-secret-\(UUID().uuidString)"
        // A secretRef (only its name is in the repo) and a smoke check that prints both secrets.
        try world.repo.write("desired/agentpods/db.json", DesiredFixture.pod(
            "db", bundle: "base", env: "{\"name\": \"DB_PASSWORD\", \"secretRef\": {\"name\": \"db-password\"}}"))
        let bundle = DesiredFixture.bundle("base", pods: ["db"]).replacingOccurrences(
            of: "\"components\"",
            with: "\"smoke\": [{\"name\": \"leaky\", \"pod\": \"db\", \"exec\": [\"sh\", \"-c\", \"echo token=$API_TOKEN; echo $SMOKE_SECRET; exit 1\"]}],\n    \"components\"")
        try world.repo.write("desired/bundles/base.json", bundle)
        try world.repo.commit("a secretRef and a leaky smoke check")
        let result = try runBinary(
            ["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path], in: world.repo.path,
            environment: ["API_TOKEN": envSecret, "SMOKE_SECRET": smokeSecret])
        #expect(result.code == 1, "the leaky smoke check fails the run")
        #expect(result.stdout.contains("[redacted]"))
        let branch = try world.repo.git("branch", "--list", "agentplane/promote/*", "--format=%(refname:short)")
        #expect(!branch.isEmpty)
        // Every place agentplane wrote: stdout, stderr, the promotion commit's files and message,
        // the state database, the node's files.
        var haystacks = [result.stdout, result.stderr, try world.repo.git("log", "-p", "--all")]
        let database = try Data(contentsOf: world.state.appendingPathComponent("state.db"))
        haystacks.append(String(decoding: database, as: UTF8.self))
        if let wal = try? Data(contentsOf: world.state.appendingPathComponent("state.db-wal")) {
            haystacks.append(String(decoding: wal, as: UTF8.self))
        }
        for file in try FileManager.default.subpathsOfDirectory(atPath: world.state.appendingPathComponent("nodes").path) {
            if let data = FileManager.default.contents(atPath: world.state.appendingPathComponent("nodes/\(file)").path) {
                haystacks.append(String(decoding: data, as: UTF8.self))
            }
        }
        for (index, text) in haystacks.enumerated() {
            #expect(!text.contains(envSecret), "haystack \(index) leaks the environment secret")
            #expect(!text.contains(smokeSecret), "haystack \(index) leaks the smoke-output secret")
        }
        // The secretRef reaches the unit as a reference, never as a value.
        let unit = try String(contentsOf: world.nodeFile("dev-a", "db-main.container"), encoding: .utf8)
        #expect(unit.contains("Secret=db-password,type=env,target=DB_PASSWORD"))
    }
}
