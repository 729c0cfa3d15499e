import Foundation
import Testing

@testable import GitKit

/// Commits signed through `SSHSigner` (real `ssh-keygen -Y sign` with throwaway ed25519 keys)
/// are accepted by `git verify-commit` with `gpg.format=ssh`, and only for allowed keys.
@Suite struct SignedCommitTests {
    private let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000)

    /// A repository with one commit, a signing key, a stranger's key, and an allowed-signers
    /// file for each.
    private struct Fixture {
        let sandbox: GitSandbox
        let head: ObjectID
        let signer: SSHKeys
        let stranger: SSHKeys
        let allowed: String
        let strangerAllowed: String
    }

    private func fixture() throws -> Fixture {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/a.json", "{}\n")
        let head = try ObjectIDParse.parse(try sandbox.commit("base"))
        try sandbox.git("checkout", "-q", "--detach")
        let signer = try SSHKeys(named: "signer", in: sandbox.root, principal: "plane@example.org")
        let stranger = try SSHKeys(named: "stranger", in: sandbox.root, principal: "stranger@example.org")
        return Fixture(
            sandbox: sandbox, head: head, signer: signer, stranger: stranger,
            allowed: try SSHKeys.allowedSigners([signer], at: sandbox.root.appendingPathComponent("allowed")),
            strangerAllowed: try SSHKeys.allowedSigners([stranger], at: sandbox.root.appendingPathComponent("strangers")))
    }

    /// `git verify-commit` with SSH signatures and the given allowed-signers file.
    private func gitVerify(_ id: ObjectID, allowed: String, in sandbox: GitSandbox) throws {
        try sandbox.git([
            "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(allowed)", "verify-commit", id.hex,
        ])
    }

    @Test func gitVerifiesASignedCommitOnlyForAnAllowedKey() throws {
        let f = try fixture()
        let repository = try Repository.open(at: f.sandbox.path)
        let id = try repository.writeCommit(
            on: "main", parent: f.head, files: ["evidence/run-1/manifest.json": Array("{}\n".utf8)],
            message: "Promote run-1", author: author, signer: SSHSigner(keyPath: f.signer.privateKey).sign)

        try gitVerify(id, allowed: f.allowed, in: f.sandbox)
        #expect(throws: SandboxError.self, "a key outside the allowed file is refused") {
            try gitVerify(id, allowed: f.strangerAllowed, in: f.sandbox)
        }
        #expect(try f.sandbox.git("rev-parse", "main") == id.hex)
        #expect(try f.sandbox.git("log", "-1", "--format=%B", id.hex) == "Promote run-1")
        try f.sandbox.git("fsck", "--strict", "--no-dangling")

        #expect(try repository.verifySignature(of: id, allowedSigners: f.allowed) == "plane@example.org")
        let refused = try #require(throws: GitError.self) {
            try repository.verifySignature(of: id, allowedSigners: f.strangerAllowed)
        }
        #expect(
            refused.description.hasPrefix(
                "commit \(id.short): the signing key is not in the allowed signers file \(f.strangerAllowed): "), "\(refused)")
    }

    @Test func theSignatureAndTheSignedTextAreReadBack() throws {
        let f = try fixture()
        let repository = try Repository.open(at: f.sandbox.path)
        let id = try repository.writeCommit(
            on: "main", parent: f.head, files: ["x": [1]], message: "signed", author: author,
            signer: SSHSigner(keyPath: f.signer.privateKey).sign)
        let signed = try #require(try repository.signature(of: id))
        #expect(signed.isSSH)
        #expect(signed.signature.hasSuffix("-----END SSH SIGNATURE-----"))
        let raw = try f.sandbox.git("cat-file", "commit", id.hex)
        #expect(raw.contains("\ngpgsig -----BEGIN SSH SIGNATURE-----\n "), "git's header layout")
        #expect(!raw.contains("\n \n"), "no blank continuation line from a trailing newline")
        #expect(!signed.signedData.contains("gpgsig"))
        #expect(signed.signedData.hasPrefix("tree "))
        #expect(signed.signedData.hasSuffix("\nsigned\n"))

        #expect(try repository.signature(of: f.head) == nil, "an unsigned commit has no signature")
        let unsigned = try #require(throws: GitError.self) {
            try repository.verifySignature(of: f.head, allowedSigners: f.allowed)
        }
        #expect(unsigned.description == "commit \(f.head.short) is not signed")
        let absent = try #require(ObjectID(hex: String(repeating: "ef", count: 20)))
        #expect(throws: GitError.self) { try repository.signature(of: absent) }
    }

    @Test func aCommitSignedByGitItselfVerifies() throws {
        let f = try fixture()
        try f.sandbox.git([
            "-c", "gpg.format=ssh", "-c", "user.signingkey=\(f.signer.privateKey)",
            "commit", "-q", "-S", "--allow-empty", "-m", "signed by git",
        ])
        let id = try ObjectIDParse.parse(try f.sandbox.git("rev-parse", "HEAD"))
        let repository = try Repository.open(at: f.sandbox.path)
        #expect(try repository.verifySignature(of: id, allowedSigners: f.allowed) == "plane@example.org")
        #expect(throws: GitError.self) { try repository.verifySignature(of: id, allowedSigners: f.strangerAllowed) }
    }

    @Test func aSignedMergeCommitVerifies() throws {
        let f = try fixture()
        let repository = try Repository.open(at: f.sandbox.path)
        try repository.writeCommit(
            on: "agentplane/promote/run-1", parent: f.head, files: ["evidence/run-1/m.json": [0x7B, 0x7D]],
            message: "Promote", author: author)
        let merge = try repository.mergeCommit(
            into: "main", from: "agentplane/promote/run-1", message: "Approve run-1", author: author,
            signer: SSHSigner(keyPath: f.signer.privateKey).sign)
        #expect(try repository.commit(merge).parentIDs.count == 2)
        try gitVerify(merge, allowed: f.allowed, in: f.sandbox)
        #expect(try repository.verifySignature(of: merge, allowedSigners: f.allowed) == "plane@example.org")
    }

    @Test func aTamperedPayloadDoesNotVerify() throws {
        let f = try fixture()
        let signer = SSHSigner(keyPath: f.signer.privateKey)
        let signature = try signer.sign("manifest digest 1\n")
        #expect(
            try SSHSigner.verify(
                signature: signature, payload: Array("manifest digest 1\n".utf8), allowedSigners: f.allowed)
                == "plane@example.org")
        let error = try #require(throws: GitError.self) {
            try SSHSigner.verify(signature: signature, payload: Array("manifest digest 2\n".utf8), allowedSigners: f.allowed)
        }
        #expect(error.description.hasPrefix("the signature of plane@example.org does not verify: "), "\(error)")

        let otherNamespace = try SSHSigner(keyPath: f.signer.privateKey, namespace: "agentplane").sign("x")
        #expect(throws: GitError.self, "a signature made for another namespace is not a git signature") {
            try SSHSigner.verify(signature: otherNamespace, payload: Array("x".utf8), allowedSigners: f.allowed)
        }
    }

    @Test func signingFailuresStopTheCommitWithTheReason() throws {
        let f = try fixture()
        let repository = try Repository.open(at: f.sandbox.path)
        let missingTool = SSHSigner(keyPath: f.signer.privateKey, executable: "/nonexistent/ssh-keygen")
        let noTool = try #require(throws: GitError.self) {
            try repository.writeCommit(
                on: "main", parent: f.head, files: ["x": [1]], message: "m", author: author, signer: missingTool.sign)
        }
        #expect(
            noTool
                == .signingFailed(
                    "ssh-keygen not found at /nonexistent/ssh-keygen: install OpenSSH's client tools (Debian: openssh-client)"))

        let missingKey = SSHSigner(keyPath: f.sandbox.root.appendingPathComponent("no-key").path)
        let noKey = try #require(throws: GitError.self) {
            try repository.writeCommit(
                on: "main", parent: f.head, files: ["x": [1]], message: "m", author: author, signer: missingKey.sign)
        }
        #expect(noKey.description.hasPrefix("ssh-keygen could not sign with \(missingKey.keyPath): "), "\(noKey)")

        struct Refused: Error, CustomStringConvertible { var description: String { "hardware key unplugged" } }
        let custom = try #require(throws: GitError.self) {
            try repository.writeCommit(
                on: "main", parent: f.head, files: ["x": [1]], message: "m", author: author,
                signer: { _ in throw Refused() })
        }
        #expect(custom == .signingFailed("signing the commit failed: hardware key unplugged"))
        #expect(try f.sandbox.git("rev-parse", "main") == f.head.hex, "nothing moved")
    }
}
