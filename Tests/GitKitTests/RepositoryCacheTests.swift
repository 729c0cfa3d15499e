import Foundation
import Testing

@testable import GitKit

/// `RepositoryCache.open` keeps one bare mirror per URL under `<state>/repos/<sha256 of url>`:
/// cloned the first time, fetched afterwards, rebuilt when broken.
@Suite struct RepositoryCacheTests {
    /// `printf %s TEXT | sha256sum`, the outside reference for the mirror's directory name.
    private func sha256sum(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    private func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func theFirstOpenClonesAndLaterOpensFetch() throws {
        let remote = try RemoteSandbox()
        let first = try remote.commitAndPush(["desired/a.json": "{}\n"], message: "first")
        let state = remote.path("state")

        let repository = try RepositoryCache.open(url: remote.remoteURL, stateDirectory: state)
        let expected = state + "/repos/" + (try sha256sum(remote.remoteURL))
        #expect(repository.gitDirectory == expected + "/")
        #expect(RepositoryCache.mirrorPath(forURL: remote.remoteURL, stateDirectory: state) == expected)
        #expect(try repository.resolve("main", fetchedFrom: "origin") == first)
        #expect(entries(state + "/repos") == [try sha256sum(remote.remoteURL)], "no temporary clone is left")

        let second = try remote.commitAndPush(["desired/a.json": "{\"b\": 2}\n"], message: "second")
        let again = try RepositoryCache.open(url: remote.remoteURL, stateDirectory: state)
        #expect(again.gitDirectory == repository.gitDirectory)
        #expect(try again.resolve("main", fetchedFrom: "origin") == second)
        #expect(try again.defaultBranch() == "main")
    }

    /// The working directory is process-wide (tests run in parallel), so it is read, never changed.
    @Test func aRelativeLocalPathUsesTheMirrorOfItsAbsolutePath() throws {
        let state = "/tmp/state"
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = ((cwd as NSString).deletingLastPathComponent as NSString).appendingPathComponent("remote.git")
        #expect(RepositoryCache.normalizedURL("../remote.git") == absolute)
        #expect(RepositoryCache.normalizedURL("./x/../remote.git") == (cwd as NSString).appendingPathComponent("remote.git"))
        #expect(RepositoryCache.normalizedURL("git@example.org:team/repo.git") == "git@example.org:team/repo.git")
        #expect(RepositoryCache.normalizedURL("https://example.org/team/repo.git") == "https://example.org/team/repo.git")
        #expect(RepositoryCache.normalizedURL("file:///srv/repo.git") == "file:///srv/repo.git")
        #expect(
            RepositoryCache.mirrorPath(forURL: "../remote.git", stateDirectory: state)
                == state + "/repos/" + (try sha256sum(absolute)))
    }

    @Test func localAndNetworkURLsAreToldApart() {
        let cases: [(String, String?)] = [
            ("/srv/repo.git", "/srv/repo.git"), ("../repo.git", "../repo.git"), ("repo.git", "repo.git"),
            ("file:///srv/my%20repo.git", "/srv/my repo.git"), ("https://example.org/r.git", nil),
            ("ssh://git@example.org:2222/r.git", nil), ("git@example.org:team/r.git", nil),
            ("example.org:r.git", nil), ("./dir:with/colon", "./dir:with/colon"),
        ]
        for (url, path) in cases {
            #expect(RemoteSession.localPath(url) == path, "\(url)")
        }
    }

    @Test func aBrokenMirrorIsMovedAsideAndClonedAgain() throws {
        let remote = try RemoteSandbox()
        let first = try remote.commitAndPush(["a.txt": "1\n"], message: "first")
        let state = remote.path("state")
        let mirror = RepositoryCache.mirrorPath(forURL: remote.remoteURL, stateDirectory: state)
        try FileManager.default.createDirectory(atPath: mirror, withIntermediateDirectories: true)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: mirror).appendingPathComponent("HEAD"))

        let repository = try RepositoryCache.open(url: remote.remoteURL, stateDirectory: state)
        #expect(try repository.resolve("main", fetchedFrom: "origin") == first)
        let names = entries(state + "/repos")
        #expect(names.count == 2)
        #expect(names.contains { $0.contains(".broken-") }, "\(names)")
    }

    @Test func anUnreachableRemoteLeavesNoMirrorBehind() throws {
        let remote = try RemoteSandbox()
        let state = remote.path("state")
        let url = remote.path("missing.git")
        let error = try #require(throws: GitError.self) { try RepositoryCache.open(url: url, stateDirectory: state) }
        guard case .remoteUnreachable = error else {
            Issue.record("expected remoteUnreachable, got \(error)")
            return
        }
        #expect(error.isRetryable)
        #expect(entries(state + "/repos").isEmpty)
    }
}
