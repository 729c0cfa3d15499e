import Foundation
import Testing

@testable import GitKit

/// `mergeCommit(into:from:…)`, `mergeBase` and `changedPaths`, checked against `git merge-tree`,
/// `git merge-base` and `git diff --name-only`.
@Suite struct MergeCommitTests {
    private let reviewer = Commit.Signature(name: "Rita Reviewer", email: "rita@example.org", time: 1_700_000_100)

    /// main with desired/ and fleet/; a promotion branch adding evidence and a pointer; main then
    /// moves on with a change to desired/.
    private func promotion() throws -> (sandbox: GitSandbox, base: ObjectID, branchTip: ObjectID, mainTip: ObjectID) {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{\"web\": 1}\n")
        try sandbox.write("fleet/inventory.json", "{}\n")
        let base = try ObjectIDParse.parse(try sandbox.commit("base"))
        try sandbox.git("checkout", "-q", "-b", "agentplane/promote/run-1")
        try sandbox.write("evidence/run-1/manifest.json", "{\"run\": 1}\n")
        try sandbox.write("state/pointers/nodes/n1.json", "{\"node\": \"n1\"}\n")
        let branchTip = try ObjectIDParse.parse(try sandbox.commit("Promote run-1"))
        try sandbox.git("checkout", "-q", "main")
        try sandbox.write("desired/agentpods/api.json", "{\"api\": 1}\n")
        let mainTip = try ObjectIDParse.parse(try sandbox.commit("add api"))
        try sandbox.git("checkout", "-q", "--detach")  // main is not checked out: it may move freely
        return (sandbox, base, branchTip, mainTip)
    }

    @Test func aMergeCommitHasBothParentsAndGitsMergedTree() throws {
        let (sandbox, _, branchTip, mainTip) = try promotion()
        let repository = try Repository.open(at: sandbox.path)
        let id = try repository.mergeCommit(
            into: "main", from: "agentplane/promote/run-1", message: "Approve run-1", author: reviewer)

        #expect(try sandbox.git("rev-parse", "main") == id.hex)
        let commit = try repository.commit(id)
        #expect(commit.parentIDs == [mainTip, branchTip])
        #expect(commit.message == "Approve run-1\n")
        #expect(commit.author == reviewer)
        let expectedTree = try sandbox.git("merge-tree", "--write-tree", mainTip.hex, branchTip.hex)
        #expect(commit.treeID.hex == expectedTree, "the same tree git's own merge produces")
        #expect(
            try sandbox.git("ls-tree", "-r", "--name-only", id.hex).split(separator: "\n") == [
                "desired/agentpods/api.json", "desired/agentpods/web.json", "evidence/run-1/manifest.json",
                "fleet/inventory.json", "state/pointers/nodes/n1.json",
            ])
        try sandbox.git("fsck", "--strict", "--no-dangling")
    }

    @Test func aBranchBasedOnTheTipStillGetsAMergeCommit() throws {
        let (sandbox, _, _, mainTip) = try promotion()
        let repository = try Repository.open(at: sandbox.path)
        let run2 = try repository.writeCommit(
            on: "agentplane/promote/run-2", parent: mainTip, files: ["evidence/run-2/manifest.json": [0x7B, 0x7D]],
            message: "Promote run-2", author: reviewer)
        let id = try repository.mergeCommit(into: "main", from: "agentplane/promote/run-2", message: "Approve", author: reviewer)
        #expect(try repository.commit(id).parentIDs == [mainTip, run2], "no fast-forward: the approval is recorded")
        #expect(try repository.commit(id).treeID == repository.commit(run2).treeID)
    }

    @Test func conflictsAreRefusedNamingEveryPath() throws {
        let (sandbox, _, _, _) = try promotion()
        try sandbox.git("checkout", "-q", "agentplane/promote/run-1")
        try sandbox.write("desired/agentpods/web.json", "{\"web\": 2}\n")
        try sandbox.write("fleet/inventory.json", "{\"x\": 1}\n")
        try sandbox.commit("touch desired")
        try sandbox.git("checkout", "-q", "main")
        try sandbox.write("desired/agentpods/web.json", "{\"web\": 3}\n")
        try sandbox.write("fleet/inventory.json", "{\"x\": 2}\n")
        let mainTip = try sandbox.commit("also touch desired")
        try sandbox.git("checkout", "-q", "--detach")
        let repository = try Repository.open(at: sandbox.path)

        let error = try #require(throws: GitError.self) {
            try repository.mergeCommit(into: "main", from: "agentplane/promote/run-1", message: "m", author: reviewer)
        }
        #expect(
            error
                == .mergeConflict(
                    target: "main", branch: "agentplane/promote/run-1",
                    paths: ["desired/agentpods/web.json", "fleet/inventory.json"]))
        #expect(
            error.description
                == "merging 'agentplane/promote/run-1' into 'main' conflicts in: desired/agentpods/web.json, fleet/inventory.json"
        )
        #expect(!error.isRetryable)
        #expect(try sandbox.git("rev-parse", "main") == mainTip)
    }

    @Test func anAlreadyMergedBranchIsNothingToMerge() throws {
        let (sandbox, _, _, _) = try promotion()
        let repository = try Repository.open(at: sandbox.path)
        try repository.mergeCommit(into: "main", from: "agentplane/promote/run-1", message: "m", author: reviewer)
        let error = try #require(throws: GitError.self) {
            try repository.mergeCommit(into: "main", from: "agentplane/promote/run-1", message: "m", author: reviewer)
        }
        #expect(error == .nothingToMerge(target: "main", branch: "agentplane/promote/run-1"))
        #expect(error.description == "'agentplane/promote/run-1' is already merged into 'main'")
    }

    @Test func aTargetThatMovesDuringTheMergeIsNotOverwritten() throws {
        let (sandbox, _, _, mainTip) = try promotion()
        let repository = try Repository.open(at: sandbox.path)
        // The signer runs after the tip was read and before the branch moves: move main there.
        let error = try #require(throws: GitError.self) {
            try repository.mergeCommit(
                into: "main", from: "agentplane/promote/run-1", message: "m", author: reviewer,
                signer: { payload in
                    try sandbox.git("branch", "-f", "main", "main~1")
                    return "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n"
                })
        }
        let moved = try ObjectIDParse.parse(try sandbox.git("rev-parse", "main"))
        #expect(error == .branchMoved(branch: "main", expected: mainTip, actual: moved))
        #expect(error.isRetryable)
    }

    @Test func missingBranchesAreNamed() throws {
        let (sandbox, _, _, _) = try promotion()
        let repository = try Repository.open(at: sandbox.path)
        let target = try #require(throws: GitError.self) {
            try repository.mergeCommit(into: "prod", from: "agentplane/promote/run-1", message: "m", author: reviewer)
        }
        guard case .revisionNotFound("prod", _) = target else {
            Issue.record("expected revisionNotFound(prod), got \(target)")
            return
        }
        let source = try #require(throws: GitError.self) {
            try repository.mergeCommit(into: "main", from: "agentplane/promote/gone", message: "m", author: reviewer)
        }
        guard case .revisionNotFound("agentplane/promote/gone", _) = source else {
            Issue.record("expected revisionNotFound(gone), got \(source)")
            return
        }
    }

    @Test func mergeBaseMatchesGitAndIsNilForUnrelatedHistories() throws {
        let (sandbox, base, branchTip, mainTip) = try promotion()
        let repository = try Repository.open(at: sandbox.path)
        #expect(try repository.mergeBase(mainTip, branchTip) == base)
        #expect(try sandbox.git("merge-base", mainTip.hex, branchTip.hex) == base.hex)
        #expect(try repository.mergeBase(base, mainTip) == base)

        try sandbox.git("checkout", "-q", "--orphan", "unrelated")
        let orphan = try ObjectIDParse.parse(try sandbox.commit("unrelated root"))
        #expect(try repository.mergeBase(orphan, mainTip) == nil)
    }

    @Test func changedPathsMatchGitDiffNameOnly() throws {
        let (sandbox, base, branchTip, mainTip) = try promotion()
        try sandbox.git("checkout", "-q", "agentplane/promote/run-1")
        try sandbox.git("rm", "-q", "fleet/inventory.json")
        try sandbox.write("deep/a/b/c.txt", "c\n")
        try sandbox.git("add", "deep")
        try sandbox.write("evidence/run-1/run.sh", "#!/bin/sh\n")
        try sandbox.git("add", "evidence/run-1/run.sh")
        try sandbox.git("update-index", "--chmod=+x", "evidence/run-1/run.sh")
        try sandbox.git("update-index", "--chmod=+x", "desired/agentpods/web.json")  // a mode-only change
        try sandbox.git("commit", "-q", "-m", "more")
        let tip = try ObjectIDParse.parse(try sandbox.git("rev-parse", "HEAD"))
        let repository = try Repository.open(at: sandbox.path)

        for (from, to) in [(base, branchTip), (base, tip), (branchTip, tip), (mainTip, tip), (tip, base), (base, base)] {
            let git = try sandbox.git("diff", "--name-only", "--no-renames", from.hex, to.hex)
            let expected = git.isEmpty ? [] : git.split(separator: "\n").map(String.init)
            #expect(try repository.changedPaths(from: from, to: to) == expected, "\(from.short)..\(to.short)")
        }
        #expect(
            try repository.changedPaths(from: base, to: branchTip)
                == ["evidence/run-1/manifest.json", "state/pointers/nodes/n1.json"])
        #expect(
            try repository.changedPaths(from: branchTip, to: tip)
                == ["deep/a/b/c.txt", "desired/agentpods/web.json", "evidence/run-1/run.sh", "fleet/inventory.json"])
    }
}
