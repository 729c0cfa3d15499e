import Foundation
import Testing

/// `agentplane validate` as a user runs it, on the repository's own state and examples.
@Suite("validate")
struct ValidateCommandTests {
    @Test func theRepositorysOwnStateIsValid() throws {
        let result = try runBinary(["validate", "."], in: repositoryRoot.path)
        #expect(result.code == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("valid: "))
    }

    /// The broken example prints exactly what its README shows, and exits 1.
    @Test func theBrokenExamplePrintsWhatItsReadmeShows() throws {
        let folder = repositoryRoot.appendingPathComponent("examples/broken")
        let result = try runBinary(["validate", "."], in: folder.path)
        #expect(result.code == 1)
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```\n").dropFirst().first { $0.contains("invalid: ") })
        let shown = block.replacingOccurrences(of: "exit status: 1\n", with: "")
        #expect(result.stdout == shown)
    }

    @Test func missingDirectoryBinaryFileAndHugeFileAreClearErrors() throws {
        let base = try temporaryDirectory("validate")
        defer { try? FileManager.default.removeItem(at: base) }
        let missing = try runBinary(["validate", base.appendingPathComponent("nope").path], in: base.path)
        #expect(missing.code == 1)
        #expect(missing.stdout.contains("no such directory"))
        try FileManager.default.createDirectory(at: base.appendingPathComponent("desired/agentpods"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("fleet"), withIntermediateDirectories: true)
        try Data([0x7B, 0x00, 0xFF, 0x7D]).write(to: base.appendingPathComponent("desired/agentpods/bin.json"))
        let huge = base.appendingPathComponent("desired/agentpods/huge.json")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let result = try runBinary(["validate", "."], in: base.path)
        #expect(result.code == 1)
        #expect(result.stdout.contains("desired/agentpods/bin.json"))
        #expect(result.stdout.contains("binary"))
        #expect(result.stdout.contains("desired/agentpods/huge.json"))
        #expect(!result.stdout.contains("Fatal error"))
    }

    @Test func jsonOutputAndRevisions() throws {
        let repo = try GitSandbox("validate-rev")
        try DesiredFixture.write(into: repo)
        try repo.commit("good")
        try repo.write("desired/agentpods/web.json", "{ broken")
        try repo.commit("broken")
        let head = try runBinary(["validate", ".", "--output", "json"], in: repo.path)
        #expect(head.code == 1)
        #expect(head.stdout.contains("\"valid\": false"))
        let older = try runBinary(["validate", ".", "--rev", "HEAD~1"], in: repo.path)
        #expect(older.code == 0, "\(older.stdout)")
        #expect(older.stdout.contains("valid at "))
    }
}
