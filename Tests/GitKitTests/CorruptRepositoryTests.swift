import Foundation
import Testing

@testable import GitKit

/// A damaged repository gives a `GitError` with libgit2's words, never a crash.
@Suite struct CorruptRepositoryTests {
    /// A repository with one commit holding `desired/agentpods/web.json`.
    private func repository() throws -> (sandbox: GitSandbox, head: ObjectID, blob: String) {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{\"name\": \"web\"}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("first")))
        let blob = try sandbox.git("rev-parse", "HEAD:desired/agentpods/web.json")
        return (sandbox, head, blob)
    }

    /// Replaces a loose object's file (read-only on disk) with `bytes`, or deletes it when nil.
    private func damage(object id: String, in sandbox: GitSandbox, with bytes: [UInt8]?) throws {
        let path = try sandbox.gitFile("objects/\(id.prefix(2))/\(id.dropFirst(2))")
        try FileManager.default.removeItem(atPath: path)
        if let bytes { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
    }

    @Test func anEmptyHEADFileIsAnError() throws {
        let (sandbox, _, _) = try repository()
        try Data().write(to: URL(fileURLWithPath: try sandbox.gitFile("HEAD")))
        let error = try #require(throws: GitError.self) {
            try Repository.open(at: sandbox.path).resolve("HEAD")
        }
        guard case .unreadableRevision("HEAD", let failure) = error else {
            Issue.record("expected unreadableRevision, got \(error)")
            return
        }
        #expect(failure.function == "git_revparse_single")
        #expect(error.description == "cannot resolve revision 'HEAD': \(failure.message)")
        #expect(failure.message.contains("HEAD"))
    }

    @Test func aBranchFileWithGarbageIsAnError() throws {
        let (sandbox, _, _) = try repository()
        try Data("not an object id\n".utf8).write(to: URL(fileURLWithPath: try sandbox.gitFile("refs/heads/main")))
        let error = try #require(throws: GitError.self) {
            try Repository.open(at: sandbox.path).resolve("main")
        }
        guard case .unreadableRevision("main", let failure) = error else {
            Issue.record("expected unreadableRevision, got \(error)")
            return
        }
        #expect(failure.message.contains("refs/heads/main"), "\(failure)")
    }

    @Test func garbageInABlobObjectIsAnErrorWhenReadingTheTree() throws {
        let (sandbox, head, blob) = try repository()
        try damage(object: blob, in: sandbox, with: Array("this is not zlib data".utf8))
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) {
            try repository.files(under: ["desired"], at: head, maxBlobSize: 1 << 20)
        }
        guard case .unreadableObject(let id, let path, let failure) = error else {
            Issue.record("expected unreadableObject, got \(error)")
            return
        }
        #expect(id.hex == blob)
        #expect(path == "desired/agentpods/web.json")
        #expect(failure.function == "git_odb_read_header")
        #expect(error.description
            == "cannot read 'desired/agentpods/web.json' (object \(blob.prefix(7))): \(failure.message)")
        #expect(!error.isRetryable)
    }

    @Test func aMissingBlobIsAnErrorNamingTheObject() throws {
        let (sandbox, head, blob) = try repository()
        try damage(object: blob, in: sandbox, with: nil)
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) {
            try repository.files(under: ["desired"], at: head, maxBlobSize: 1 << 20)
        }
        guard case .unreadableObject(_, let path, let failure) = error else {
            Issue.record("expected unreadableObject, got \(error)")
            return
        }
        #expect(path == "desired/agentpods/web.json")
        #expect(failure.isNotFound)
        #expect(failure.message.contains(blob), "\(failure)")
    }

    @Test func garbageInTheCommitObjectIsAnError() throws {
        let (sandbox, head, _) = try repository()
        try damage(object: head.hex, in: sandbox, with: [0x78, 0x9C, 0xFF, 0xFF, 0x00, 0x01])
        let error = try #require(throws: GitError.self) {
            let repository = try Repository.open(at: sandbox.path)
            _ = try repository.files(under: ["desired"], at: try repository.resolve("HEAD"), maxBlobSize: 1024)
        }
        guard case .unreadableRevision("HEAD", let failure) = error else {
            Issue.record("expected unreadableRevision, got \(error)")
            return
        }
        #expect(failure.className == "zlib", "\(failure)")
    }

    @Test func aCommitIDThatIsNotInTheRepositoryIsAnError() throws {
        let (sandbox, _, _) = try repository()
        let absent = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) {
            try repository.files(under: ["desired"], at: absent, maxBlobSize: 1024)
        }
        guard case .unreadableObject(absent, nil, let failure) = error else {
            Issue.record("expected unreadableObject, got \(error)")
            return
        }
        #expect(failure.isNotFound)
        #expect(error.description.hasPrefix("cannot read object abababa: "))
        #expect(throws: GitError.self) { try repository.commit(absent) }
        #expect(throws: GitError.self) { try repository.treeID(at: "desired", in: absent) }
    }
}
