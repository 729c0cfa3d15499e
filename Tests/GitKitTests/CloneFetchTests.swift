import Foundation
import Testing

@testable import GitKit

/// `Repository.clone` and `fetch` against a bare remote built with the git CLI: remote-tracking
/// refs, tags, pruning, the remote's default branch, and `--ref` resolution.
@Suite struct CloneFetchTests {
    @Test(arguments: [true, false])
    func cloneMirrorsBranchesTagsAndTheDefaultBranch(fileURL: Bool) throws {
        let remote = try RemoteSandbox()
        let first = try remote.commitAndPush(["desired/agentpods/web.json": "{}\n"], message: "first")
        try remote.upstream.git("tag", "-a", "v1", "-m", "release 1")
        try remote.upstream.git("push", "-q", "origin", "v1")
        let feature = try remote.commitAndPush(["x.txt": "x\n"], message: "feature", branch: "agentplane/promote/run-1")

        let path = remote.path("clone.git")
        let repository = try Repository.clone(url: fileURL ? remote.remoteURL : remote.remotePath, into: path)

        #expect(repository.isBare)
        #expect(try repository.remoteBranchTip("main") == first)
        #expect(try repository.remoteBranchTip("agentplane/promote/run-1") == feature)
        #expect(try repository.remoteBranchTip("absent") == nil)
        #expect(try repository.defaultBranch() == "main")
        #expect(try repository.resolve("v1") == first, "the annotated tag is fetched and peels to its commit")
        #expect(
            try remote.upstream.git(["for-each-ref", "--format=%(refname)", "refs/heads"], in: path) == "",
            "a cache has no local branches that could go stale")
        #expect(
            try repository.files(under: ["desired"], at: first, maxBlobSize: 1024).map(\.path)
                == ["desired/agentpods/web.json"])
        try remote.upstream.git(["fsck", "--strict"], in: path)
    }

    @Test func fetchFollowsNewCommitsPrunesDeletedBranchesAndTakesNewTags() throws {
        let remote = try RemoteSandbox()
        try remote.commitAndPush(["a.txt": "1\n"], message: "first")
        try remote.commitAndPush(["b.txt": "1\n"], message: "branch", branch: "old")
        let repository = try Repository.clone(url: remote.remoteURL, into: remote.path("cache.git"))
        #expect(try repository.remoteBranchTip("old") != nil)

        let second = try remote.commitAndPush(["a.txt": "2\n"], message: "second")
        try remote.upstream.git("push", "-q", "origin", ":refs/heads/old")
        try remote.upstream.git("tag", "v2")
        try remote.upstream.git("push", "-q", "origin", "v2")
        #expect(try repository.remoteBranchTip("main") != second, "nothing changes before fetching")

        try repository.fetch(remote: "origin")
        #expect(try repository.remoteBranchTip("main") == second)
        #expect(try repository.remoteBranchTip("old") == nil, "a branch deleted on the remote is pruned")
        #expect(try repository.resolve("refs/tags/v2") == second)
        #expect(try repository.files(under: ["a.txt"], at: second, maxBlobSize: 16).first?.bytes == Array("2\n".utf8))
    }

    @Test func theDefaultBranchFollowsTheRemoteHEAD() throws {
        let remote = try RemoteSandbox()
        try remote.commitAndPush(["a.txt": "1\n"], message: "first")
        let trunk = try remote.commitAndPush(["t.txt": "1\n"], message: "trunk", branch: "trunk")
        let repository = try Repository.clone(url: remote.remoteURL, into: remote.path("cache.git"))
        #expect(try repository.defaultBranch() == "main")

        try remote.remoteGit("symbolic-ref", "HEAD", "refs/heads/trunk")
        try repository.fetch()
        #expect(try repository.defaultBranch() == "trunk")
        #expect(try repository.resolve("origin/HEAD") == trunk)
    }

    @Test func anEmptyRemoteClonesWithNoDefaultBranch() throws {
        let remote = try RemoteSandbox()
        let repository = try Repository.clone(url: remote.remoteURL, into: remote.path("cache.git"))
        #expect(try repository.defaultBranch() == nil)
        #expect(try repository.remoteBranchTip("main") == nil)
    }

    @Test func refsResolveAgainstTheRemoteBeforeStaleLocalBranches() throws {
        let remote = try RemoteSandbox()
        let first = try remote.commitAndPush(["a.txt": "1\n"], message: "first")
        try remote.upstream.git("tag", "release")
        try remote.upstream.git("push", "-q", "origin", "release")
        let path = remote.path("cache.git")
        let repository = try Repository.clone(url: remote.remoteURL, into: path)
        try remote.upstream.git(["branch", "main", first.hex], in: path)
        let second = try remote.commitAndPush(["a.txt": "2\n"], message: "second")
        try repository.fetch()

        #expect(try repository.resolve("main", fetchedFrom: "origin") == second, "not the stale local main")
        #expect(try repository.resolve("origin/main", fetchedFrom: "origin") == second)
        #expect(try repository.resolve("refs/remotes/origin/main", fetchedFrom: "origin") == second)
        #expect(try repository.resolve("release", fetchedFrom: "origin") == first)
        #expect(try repository.resolve(first.hex, fetchedFrom: "origin") == first)
        #expect(try repository.resolve("main~1", fetchedFrom: "origin") == first, "the parent of the remote's main")
        #expect(try repository.resolve("main^{commit}", fetchedFrom: "origin") == second)
        #expect(try repository.resolve("release^0", fetchedFrom: "origin") == first)

        let missing = try #require(throws: GitError.self) { try repository.resolve("nope", fetchedFrom: "origin") }
        guard case .revisionNotFound("nope", _) = missing else {
            Issue.record("expected revisionNotFound, got \(missing)")
            return
        }
        #expect(missing.description.hasPrefix("revision 'nope' not found: "))
    }

    @Test func anUnreachableRemoteIsARetryableErrorAndLeavesNothingBehind() throws {
        let remote = try RemoteSandbox()
        let absent = remote.path("no-such-remote.git")
        let destination = remote.path("cache.git")
        for url in [absent, URL(fileURLWithPath: absent).absoluteString] {
            let error = try #require(throws: GitError.self) { try Repository.clone(url: url, into: destination) }
            guard case .remoteUnreachable(url, let failure) = error else {
                Issue.record("expected remoteUnreachable, got \(error)")
                continue
            }
            #expect(error.isRetryable)
            #expect(error.description == "cannot reach remote \(url): \(failure.message)")
            #expect(failure.message.hasPrefix("'\(absent)' does not exist (libgit2: "), "\(failure)")
            #expect(failure.isNotFound)
            #expect(!FileManager.default.fileExists(atPath: destination))
        }
    }

    @Test func aCorruptRemoteIsAnErrorWithLibgit2sMessage() throws {
        let remote = try RemoteSandbox()
        try remote.commitAndPush(["desired/a.json": "{\"a\": 1}\n"], message: "first")
        let blob = try remote.remoteGit("rev-parse", "main:desired/a.json")
        let object = URL(fileURLWithPath: remote.remotePath)
            .appendingPathComponent("objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        try FileManager.default.removeItem(at: object)
        try Data("not zlib".utf8).write(to: object)
        let destination = remote.path("cache.git")

        let error = try #require(throws: GitError.self) { try Repository.clone(url: remote.remoteURL, into: destination) }
        guard case .remoteFailed(remote.remoteURL, let failure) = error else {
            Issue.record("expected remoteFailed, got \(error)")
            return
        }
        #expect(!error.isRetryable, "a corrupt remote does not heal by itself")
        #expect(error.description == "transfer with remote \(remote.remoteURL) failed: \(failure.message)")
        #expect(!failure.message.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    @Test func cloningIntoANonEmptyDirectoryIsRefused() throws {
        let remote = try RemoteSandbox()
        let destination = remote.path("busy")
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: destination).appendingPathComponent("file"))
        let error = try #require(throws: GitError.self) { try Repository.clone(url: remote.remoteURL, into: destination) }
        #expect(error.description == "cannot clone into '\(destination)': it exists and is not an empty directory")
        #expect(FileManager.default.fileExists(atPath: destination + "/file"))
    }

    @Test func fetchingAnUnknownRemoteNamesIt() throws {
        let remote = try RemoteSandbox()
        try remote.commitAndPush(["a.txt": "1\n"], message: "first")
        let repository = try Repository.clone(url: remote.remoteURL, into: remote.path("cache.git"))
        let error = try #require(throws: GitError.self) { try repository.fetch(remote: "upstream") }
        guard case .remoteNotFound("upstream", _) = error else {
            Issue.record("expected remoteNotFound, got \(error)")
            return
        }
        #expect(error.description.hasPrefix("no remote named 'upstream': "))
    }
}
