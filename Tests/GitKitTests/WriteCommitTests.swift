import Foundation
import Testing

@testable import GitKit

/// `Repository.writeCommit` builds trees with `git_treebuilder`, commits, and moves the branch
/// only if nobody else did; git itself must accept the result.
@Suite struct WriteCommitTests {
    private let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000, offsetMinutes: -300)

    /// A repository with desired/, fleet/ and an old evidence run on main.
    private func base(bare: Bool = false) throws -> (sandbox: GitSandbox, path: String, head: ObjectID) {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{\"web\": 1}\n")
        try sandbox.write("desired/agentpods/old.json", "{\"old\": 1}\n")
        try sandbox.write("desired/bundles/only.json", "{}\n")
        try sandbox.write("fleet/inventory.json", "{}\n")
        try sandbox.write("evidence/run-0/manifest.json", "{}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("base")))
        guard bare else { return (sandbox, sandbox.path, head) }
        let barePath = sandbox.root.appendingPathComponent("cache.git").path
        try sandbox.git("clone", "-q", "--bare", sandbox.path, barePath)
        return (sandbox, barePath, head)
    }

    @Test(arguments: [false, true])
    func commitsNewFilesOnANewBranchThatGitAccepts(bare: Bool) throws {
        let (sandbox, path, head) = try base(bare: bare)
        let repository = try Repository.open(at: path)
        let id = try repository.writeCommit(
            on: "agentplane/promote/run-1", parent: head,
            files: [
                "evidence/run-1/manifest.json": Array("{\"run\": 1}\n".utf8),
                "state/pointers/nodes/n1.json": Array("{\"node\": \"n1\"}\n".utf8),
                "evidence/run-1/empty.txt": [],
            ],
            message: "Promote run-1", author: author)

        @discardableResult func git(_ arguments: String...) throws -> String { try sandbox.git(arguments, in: path) }
        #expect(try git("rev-parse", "agentplane/promote/run-1") == id.hex)
        #expect(try git("rev-parse", "\(id.hex)^") == head.hex)
        #expect(try git("ls-tree", "-r", "--name-only", id.hex).split(separator: "\n") == [
            "desired/agentpods/old.json", "desired/agentpods/web.json", "desired/bundles/only.json",
            "evidence/run-0/manifest.json", "evidence/run-1/empty.txt", "evidence/run-1/manifest.json",
            "fleet/inventory.json", "state/pointers/nodes/n1.json",
        ])
        #expect(try git("show", "\(id.hex):state/pointers/nodes/n1.json") == "{\"node\": \"n1\"}")
        #expect(try git("rev-parse", "\(id.hex):desired") == git("rev-parse", "\(head.hex):desired"))
        #expect(try git("log", "-1", "--format=%an|%ae|%at|%ai|%cn|%B", id.hex)
            == "Agent Plane|plane@example.org|1700000000|2023-11-14 17:13:20 -0500|Agent Plane|Promote run-1")
        #expect(try git("cat-file", "-p", id.hex).hasSuffix("\n\nPromote run-1"))
        try git("fsck", "--strict", "--no-dangling")
        #expect(try git("rev-parse", "main") == head.hex, "the target branch must not move")
    }

    @Test func replacesRemovesAndDropsEmptyDirectories() throws {
        let (sandbox, path, head) = try base()
        let repository = try Repository.open(at: path)
        let id = try repository.writeCommit(
            on: "main", parent: head,
            files: ["desired/agentpods/web.json": Array("{\"web\": 2}\n".utf8)],
            removing: ["desired/agentpods/old.json", "desired/bundles/only.json", "evidence", "not/there.json"],
            message: "Edit\n", author: author)
        let files = try repository.files(under: [""], at: id, maxBlobSize: 1024)
        #expect(files.map(\.path) == ["desired/agentpods/web.json", "fleet/inventory.json"])
        #expect(files.first?.bytes == Array("{\"web\": 2}\n".utf8))
        #expect(try sandbox.git("rev-parse", "main") == id.hex)
        #expect(try repository.commit(id).message == "Edit\n")
        try sandbox.git("fsck", "--strict", "--no-dangling")
    }

    @Test func aBranchThatMovedIsNotOverwritten() throws {
        let (sandbox, path, head) = try base()
        try sandbox.write("desired/agentpods/web.json", "{\"web\": 9}\n")
        let tip = try sandbox.commit("someone else")
        let repository = try Repository.open(at: path)
        let files = ["evidence/run-2/manifest.json": Array("{}\n".utf8)]

        let stale = try #require(throws: GitError.self) {
            try repository.writeCommit(on: "main", parent: head, files: files, message: "late", author: author)
        }
        #expect(stale == .branchMoved(branch: "main", expected: head, actual: ObjectID(hex: tip)))
        #expect(stale.description == "branch 'main' moved: expected it at \(head.short), but it points at \(tip.prefix(7))")
        #expect(stale.isRetryable)
        #expect(try sandbox.git("rev-parse", "main") == tip)

        let exists = try #require(throws: GitError.self) {
            try repository.writeCommit(on: "main", parent: nil, files: files, message: "root", author: author)
        }
        #expect(exists.description == "branch 'main' moved: expected it not to exist, but it points at \(tip.prefix(7))")

        let rebuilt = try repository.writeCommit(
            on: "main", parent: try #require(ObjectID(hex: tip)), files: files, message: "retry", author: author)
        #expect(try sandbox.git("rev-parse", "main") == rebuilt.hex)
        #expect(try sandbox.git("show", "main:desired/agentpods/web.json") == "{\"web\": 9}")
    }

    @Test func aRootCommitInAFreshRepository() throws {
        let sandbox = try GitSandbox()
        let path = sandbox.root.appendingPathComponent("fresh").path
        let repository = try Repository.initialize(at: path)
        let id = try repository.writeCommit(
            on: "main", parent: nil, files: ["desired/agentpods/web.json": Array("{}\n".utf8)],
            message: "first", author: author)
        #expect(try repository.resolve("HEAD") == id)
        #expect(try repository.commit(id).parentIDs.isEmpty)
        #expect(try sandbox.git(["ls-tree", "-r", "--name-only", "HEAD"], in: path) == "desired/agentpods/web.json")
    }

    @Test func conflictingOrInvalidChangesAreRejected() throws {
        let (sandbox, path, head) = try base()
        let repository = try Repository.open(at: path)
        let cases: [(files: [String: [UInt8]], removing: [String], branch: String, message: String)] = [
            (["a": [1], "a/b": [2]], [], "main", "path 'a' is written as a file and used as a directory"),
            (["a/b": [1]], ["a/b"], "main", "path 'a/b' is both written and removed"),
            (["../x": [1]], [], "main", "path '../x' contains a '..' component"),
            (["/": [1]], [], "main", "an empty path cannot be written or removed"),
            (["x": [1]], [], "bad..name", "'bad..name' is not a valid branch name"),
            (["desired": [1]], [], "main", "path 'desired' is a directory in the parent commit"),
            (["fleet/inventory.json/x": [1]], [], "main", "'fleet/inventory.json' is a file in the tree, not a directory"),
        ]
        for change in cases {
            let error = try #require(throws: GitError.self, "\(change.files)") {
                try repository.writeCommit(
                    on: change.branch, parent: head, files: change.files, removing: change.removing,
                    message: "bad", author: author)
            }
            #expect(error.description == change.message)
        }
        #expect(try sandbox.git("rev-parse", "main") == head.hex)
    }

    @Test func anAuthorNameWithAngleBracketsIsRejectedByLibgit2() throws {
        let (sandbox, path, head) = try base()
        let repository = try Repository.open(at: path)
        let error = try #require(throws: GitError.self) {
            try repository.writeCommit(
                on: "main", parent: head, files: ["x": [1]], message: "m",
                author: Commit.Signature(name: "a <b>", email: "e", time: 0))
        }
        #expect(error.failure?.function == "git_signature_new", "\(error)")
        #expect(try sandbox.git("rev-parse", "main") == head.hex)
    }

    @Test func theConfiguredSignatureComesFromTheRepositoryConfig() throws {
        let (sandbox, path, _) = try base()
        try sandbox.git("config", "user.name", "Configured Name")
        try sandbox.git("config", "user.email", "configured@example.org")
        let signature = try Repository.open(at: path).configuredSignature()
        #expect(signature.name == "Configured Name")
        #expect(signature.email == "configured@example.org")
    }
}
