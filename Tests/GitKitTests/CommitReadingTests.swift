import Foundation
import Testing

@testable import GitKit

/// Reading a commit's metadata and the tree ids of its subdirectories.
@Suite struct CommitReadingTests {
    @Test func copiesIdsMessageAuthorAndCommitter() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        let first = try sandbox.commit("first")
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 2}\n")
        let second = try sandbox.commit("Second change\n\nWith a body.")
        let repository = try Repository.open(at: sandbox.path)

        let commit = try repository.commit(try #require(ObjectID(hex: second)))
        #expect(commit.id.hex == second)
        #expect(commit.parentIDs.map(\.hex) == [first])
        #expect(commit.treeID.hex == (try sandbox.git("rev-parse", "HEAD^{tree}")))
        #expect(commit.message == "Second change\n\nWith a body.\n")
        #expect(commit.summary == "Second change")
        #expect(commit.author == Commit.Signature(name: "t", email: "t@e", time: GitSandbox.commitTime, offsetMinutes: 120))
        #expect(commit.committer == commit.author)
        #expect(try repository.commit(try #require(ObjectID(hex: first))).parentIDs.isEmpty)
    }

    @Test func aCommitTouchingOnlyEvidenceKeepsTheDesiredTreeID() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        try sandbox.write("fleet/inventory.json", "{}\n")
        let base = try #require(ObjectID(hex: try sandbox.commit("base")))
        try sandbox.write("evidence/run-1/manifest.json", "{}\n")
        let evidenceOnly = try #require(ObjectID(hex: try sandbox.commit("evidence")))
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 2}\n")
        let changed = try #require(ObjectID(hex: try sandbox.commit("change web")))
        let repository = try Repository.open(at: sandbox.path)

        let desiredAtBase = try #require(try repository.treeID(at: "desired", in: base))
        #expect(desiredAtBase.hex == (try sandbox.git("rev-parse", "\(base.hex):desired")))
        #expect(try repository.treeID(at: "desired", in: evidenceOnly) == desiredAtBase)
        #expect(try repository.treeID(at: "fleet", in: evidenceOnly) == repository.treeID(at: "fleet", in: base))
        #expect(try repository.treeID(at: "desired", in: changed) != desiredAtBase)
        #expect(try repository.treeID(at: "fleet", in: changed) == repository.treeID(at: "fleet", in: base))
        #expect(try repository.treeID(at: "/desired/", in: base) == desiredAtBase)
        #expect(try repository.treeID(at: "desired/agentpods", in: base) != nil)
    }

    @Test func treeIDOfTheRootAMissingPathAndAFile() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("base")))
        let repository = try Repository.open(at: sandbox.path)
        #expect(try repository.treeID(at: "", in: head) == repository.commit(head).treeID)
        #expect(try repository.treeID(at: "state/pointers", in: head) == nil)
        #expect(throws: GitError.notADirectory(path: "desired/agentpods/web.json")) {
            try repository.treeID(at: "desired/agentpods/web.json", in: head)
        }
        let error = try #require(throws: GitError.self) { try repository.treeID(at: "desired/../x", in: head) }
        #expect(error.description == "path 'desired/../x' contains a '..' component")
    }

    @Test func aMessageThatIsNotUTF8IsAnError() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("a.txt", "a\n")
        try sandbox.commit("base")
        let tree = try sandbox.git("rev-parse", "HEAD^{tree}")
        // `git commit-tree` would re-encode the message, so write the commit object byte for byte.
        let header = "tree \(tree)\nauthor t <t@e> 1704157445 +0200\ncommitter t <t@e> 1704157445 +0200\n\n"
        let object = Data(header.utf8) + Data([0x63, 0x61, 0x66, 0xE9, 0x0A])
        let id = try sandbox.git(["hash-object", "-t", "commit", "-w", "--stdin"], input: object)
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) { try repository.commit(try #require(ObjectID(hex: id))) }
        #expect(error == .invalidUTF8(what: "message of commit \(id)", escaped: "caf\\xe9\\x0a"))
        #expect(error.description == "message of commit \(id) is not valid UTF-8: \"caf\\xe9\\x0a\"")
    }

    @Test func ancestry() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("a.txt", "1\n")
        let first = try #require(ObjectID(hex: try sandbox.commit("first")))
        try sandbox.write("a.txt", "2\n")
        let second = try #require(ObjectID(hex: try sandbox.commit("second")))
        try sandbox.git("checkout", "-q", "--orphan", "other")
        try sandbox.write("a.txt", "3\n")
        let unrelated = try #require(ObjectID(hex: try sandbox.commit("unrelated")))
        let repository = try Repository.open(at: sandbox.path)
        #expect(try repository.isAncestor(first, of: second))
        #expect(try !repository.isAncestor(second, of: first))
        #expect(try repository.isAncestor(second, of: second))
        #expect(try !repository.isAncestor(first, of: unrelated))
    }
}
