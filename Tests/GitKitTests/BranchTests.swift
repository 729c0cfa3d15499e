import Foundation
import Testing

@testable import GitKit

/// `branches(matching:)`, `setBranch(_:to:)` and `deleteBranch(_:)`, checked against `git branch`.
@Suite struct BranchTests {
    @Test func branchesAreListedByPrefixLocalAndRemoteTracking() throws {
        let remote = try RemoteSandbox()
        let base = try remote.commitAndPush(["a.txt": "1\n"], message: "base")
        let run1 = try remote.commitAndPush(["b.txt": "1\n"], message: "run-1", branch: "agentplane/promote/run-1")
        let path = remote.path("cache.git")
        let cache = try Repository.clone(url: remote.remoteURL, into: path)
        try cache.setBranch("agentplane/promote/run-2", to: base)
        try cache.setBranch("agentplane/promotex", to: base)

        let local = try cache.branches(matching: "agentplane/promote/")
        #expect(
            local == [BranchTip(name: "agentplane/promote/run-2", reference: "refs/heads/agentplane/promote/run-2", tip: base)])
        #expect(local.first?.isRemoteTracking == false)

        let remoteTracking = try cache.branches(matching: "origin/agentplane/promote/")
        #expect(remoteTracking.map(\.name) == ["origin/agentplane/promote/run-1"])
        #expect(remoteTracking.first?.tip == run1)
        #expect(remoteTracking.first?.isRemoteTracking == true)

        let all = try cache.branches()
        #expect(
            all.map(\.name) == [
                "agentplane/promote/run-2", "agentplane/promotex", "origin/agentplane/promote/run-1", "origin/main",
            ], "origin/HEAD is symbolic and left out")
        let git = try remote.upstream.git(["branch", "-a", "--format=%(refname:short) %(objectname)"], in: path)
        for branch in all {
            #expect(git.contains("\(branch.name) \(branch.tip.hex)"), "\(git)")
        }
    }

    @Test func setBranchCreatesAndMovesAndDeleteBranchRemoves() throws {
        let sandbox = try GitSandbox()
        let first = try ObjectIDParse.parse(try sandbox.commit("first"))
        let second = try ObjectIDParse.parse(try sandbox.commit("second"))
        let repository = try Repository.open(at: sandbox.path)

        try repository.setBranch("review", to: first)
        #expect(try sandbox.git("rev-parse", "review") == first.hex)
        #expect(try repository.branchTip("review") == first)
        try repository.setBranch("review", to: second)
        #expect(try sandbox.git("rev-parse", "review") == second.hex)

        #expect(try repository.deleteBranch("review") == second)
        #expect(try sandbox.git("branch", "--list", "review") == "")
        #expect(try repository.deleteBranch("review") == nil, "deleting what is gone does nothing")
        #expect(try repository.branchTip("review") == nil)
    }

    @Test func theCheckedOutBranchIsNeitherMovedNorDeleted() throws {
        let sandbox = try GitSandbox()
        let first = try ObjectIDParse.parse(try sandbox.commit("first"))
        let second = try ObjectIDParse.parse(try sandbox.commit("second"))
        let repository = try Repository.open(at: sandbox.path)

        let move = try #require(throws: GitError.self) { try repository.setBranch("main", to: first) }
        #expect(move.failure?.function == "git_branch_create", "\(move)")
        let delete = try #require(throws: GitError.self) { try repository.deleteBranch("main") }
        #expect(delete.failure?.function == "git_branch_delete", "\(delete)")
        #expect(try sandbox.git("rev-parse", "main") == second.hex)

        let absent = try #require(ObjectID(hex: String(repeating: "cd", count: 20)))
        let missing = try #require(throws: GitError.self) { try repository.setBranch("other", to: absent) }
        guard case .unreadableObject(absent, nil, _) = missing else {
            Issue.record("expected unreadableObject, got \(missing)")
            return
        }
        #expect(throws: GitError.invalidArgument("'-x' is not a valid branch name")) {
            try repository.setBranch("-x", to: first)
        }
    }
}
