import Foundation
import Testing

@testable import GitKit

/// `push(branch:to:force:)` and `deleteRemoteBranch` against a bare remote, including the
/// rejected push a promotion retries after fetching.
@Suite struct PushTests {
    private let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000)

    /// A remote with one commit on main and a mirror of it.
    private func setUp() throws -> (remote: RemoteSandbox, cache: Repository, cachePath: String, base: ObjectID) {
        let remote = try RemoteSandbox()
        let base = try remote.commitAndPush(["desired/a.json": "{}\n"], message: "base")
        let cachePath = remote.path("cache.git")
        return (remote, try Repository.clone(url: remote.remoteURL, into: cachePath), cachePath, base)
    }

    @Test func aNewBranchLandsOnTheRemote() throws {
        let (remote, cache, _, base) = try setUp()
        let id = try cache.writeCommit(
            on: "agentplane/promote/run-1", parent: base, files: ["evidence/run-1/manifest.json": Array("{}\n".utf8)],
            message: "Promote run-1", author: author)
        try cache.push(branch: "agentplane/promote/run-1")

        #expect(try remote.remoteGit("rev-parse", "refs/heads/agentplane/promote/run-1") == id.hex)
        #expect(try cache.remoteBranchTip("agentplane/promote/run-1") == id)
        #expect(try remote.remoteGit("rev-parse", "main") == base.hex)
        #expect(try remote.remoteGit("for-each-ref", "refs/agentplane") == "", "the staging ref is gone")
        try remote.remoteGit("fsck", "--strict", "--no-dangling")

        try cache.push(branch: "agentplane/promote/run-1")  // nothing new: still fine
        #expect(try remote.remoteGit("rev-parse", "refs/heads/agentplane/promote/run-1") == id.hex)
    }

    @Test func aPushAfterTheRemoteMovedIsRejectedThenSucceedsOnTheNewTip() throws {
        let (remote, cache, _, base) = try setUp()
        try cache.writeCommit(
            on: "main", parent: base, files: ["evidence/run-1/manifest.json": Array("{}\n".utf8)],
            message: "ours", author: author)
        let theirs = try remote.commitAndPush(["desired/b.json": "{}\n"], message: "theirs")

        let rejected = try #require(throws: GitError.self) { try cache.push(branch: "main") }
        guard case .pushRejected(let ref, let message) = rejected else {
            Issue.record("expected pushRejected, got \(rejected)")
            return
        }
        #expect(ref == "refs/heads/main")
        #expect(rejected.isRetryable)
        #expect(rejected.description == "push of refs/heads/main rejected: \(message)")
        #expect(message.contains("not present locally"), "\(message)")
        #expect(try remote.remoteGit("rev-parse", "main") == theirs.hex, "the remote keeps its commit")

        // Once fetched, libgit2 sees the remote tip locally and still refuses the non-fast-forward.
        try cache.fetch()
        let again = try #require(throws: GitError.self) { try cache.push(branch: "main") }
        guard case .pushRejected(_, let fetchedMessage) = again else {
            Issue.record("expected pushRejected, got \(again)")
            return
        }
        #expect(fetchedMessage.contains("not a fast-forward"), "\(fetchedMessage)")

        // The promotion's retry: rebuild on the new tip, push again.
        let tip = try #require(try cache.remoteBranchTip("main"))
        #expect(tip == theirs)
        try cache.setBranch("main", to: tip)
        let rebuilt = try cache.writeCommit(
            on: "main", parent: tip, files: ["evidence/run-1/manifest.json": Array("{}\n".utf8)],
            message: "ours, rebuilt", author: author)
        try cache.push(branch: "main")
        #expect(try remote.remoteGit("rev-parse", "main") == rebuilt.hex)
        #expect(try remote.remoteGit("rev-parse", "main^") == theirs.hex)
    }

    @Test func aForcedPushReplacesTheRemoteBranch() throws {
        let (remote, cache, _, base) = try setUp()
        let ours = try cache.writeCommit(
            on: "main", parent: base, files: ["x": [1]], message: "ours", author: author)
        try remote.commitAndPush(["desired/b.json": "{}\n"], message: "theirs")
        try cache.fetch()
        try cache.push(branch: "main", force: true)
        #expect(try remote.remoteGit("rev-parse", "main") == ours.hex)
        #expect(try cache.remoteBranchTip("main") == ours)
    }

    @Test func aRemoteBranchIsDeletedAndDeletingItAgainIsFine() throws {
        let (remote, cache, _, _) = try setUp()
        try remote.commitAndPush(["x.txt": "x\n"], message: "run", branch: "agentplane/promote/run-1")
        try cache.fetch()
        #expect(try cache.remoteBranchTip("agentplane/promote/run-1") != nil)

        try cache.deleteRemoteBranch("agentplane/promote/run-1")
        #expect(try remote.remoteGit("for-each-ref", "--format=%(refname)", "refs/heads/agentplane") == "")
        #expect(try cache.remoteBranchTip("agentplane/promote/run-1") == nil)
        #expect(try remote.remoteGit("rev-parse", "main") != "", "other branches stay")

        try cache.deleteRemoteBranch("agentplane/promote/run-1")
        #expect(try remote.remoteGit("for-each-ref", "--format=%(refname)", "refs/heads/agentplane") == "")
    }

    @Test func pushingAMissingOrInvalidBranchIsAnError() throws {
        let (remote, cache, _, _) = try setUp()
        defer { withExtendedLifetime(remote) {} }
        let missing = try #require(throws: GitError.self) { try cache.push(branch: "nope") }
        guard case .revisionNotFound("nope", let failure) = missing else {
            Issue.record("expected revisionNotFound, got \(missing)")
            return
        }
        #expect(failure.message.contains("refs/heads/nope"), "\(failure)")
        let invalid = try #require(throws: GitError.self) { try cache.push(branch: "a..b") }
        #expect(invalid.description == "'a..b' is not a valid branch name")
        try cache.writeCommit(on: "x", parent: nil, files: ["x": [1]], message: "m", author: author)
        let unknown = try #require(throws: GitError.self) { try cache.push(branch: "x", to: "upstream") }
        guard case .remoteNotFound("upstream", _) = unknown else {
            Issue.record("expected remoteNotFound, got \(unknown)")
            return
        }
    }

    @Test func pushingToAnUnreachableRemoteIsRetryable() throws {
        let (remote, cache, cachePath, base) = try setUp()
        try remote.upstream.git(["remote", "set-url", "origin", remote.path("gone.git")], in: cachePath)
        try cache.writeCommit(on: "run", parent: base, files: ["x": [1]], message: "m", author: author)
        let error = try #require(throws: GitError.self) { try cache.push(branch: "run") }
        guard case .remoteUnreachable = error else {
            Issue.record("expected remoteUnreachable, got \(error)")
            return
        }
        #expect(error.isRetryable)
    }
}
