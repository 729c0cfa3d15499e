import Foundation
import Testing

@testable import GitKit

/// git over ssh through libgit2 (libssh2) against a real sshd on loopback: key authentication,
/// host keys checked against known_hosts, and a push the server refuses.
@Suite(.serialized) struct SSHTransportTests {
    /// A remote with one commit, an sshd serving it, and a known_hosts file holding its key.
    private struct Fixture {
        let remote: RemoteSandbox
        let server: SSHServer
        let knownHosts: String
        let url: String
        let head: ObjectID

        func credentials(key: String? = nil, knownHosts: String? = nil) -> RemoteCredentials {
            RemoteCredentials(sshKeyPath: key ?? server.clientKey.privateKey, knownHostsPath: knownHosts ?? self.knownHosts)
        }
    }

    private func fixture() throws -> Fixture {
        let remote = try RemoteSandbox()
        let head = try remote.commitAndPush(["desired/a.json": "{}\n"], message: "first")
        let server = try SSHServer(in: remote.upstream.root)
        let knownHosts = remote.path("known_hosts")
        try Data((server.knownHostsLine + "\n").utf8).write(to: URL(fileURLWithPath: knownHosts))
        return Fixture(
            remote: remote, server: server, knownHosts: knownHosts, url: server.url(for: remote.remotePath), head: head)
    }

    @Test func libgit2IsBuiltWithSSH() {
        #expect(LibGit2Features.current.ssh, "libgit2 without SSH support cannot serve ssh:// remotes")
        #expect(LibGit2Features.current.https)
    }

    @Test func cloneFetchAndPushOverSSHWithAKeyFile() throws {
        let f = try fixture()
        let cache = try Repository.clone(url: f.url, into: f.remote.path("cache.git"), credentials: f.credentials())
        #expect(try cache.remoteBranchTip("main") == f.head)
        #expect(try cache.defaultBranch() == "main")

        let second = try f.remote.commitAndPush(["desired/a.json": "{\"a\": 2}\n"], message: "second")
        try cache.fetch(credentials: f.credentials())
        #expect(try cache.remoteBranchTip("main") == second)

        let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000)
        let run = try cache.writeCommit(
            on: "agentplane/promote/run-1", parent: second, files: ["evidence/run-1/m.json": [0x7B, 0x7D]],
            message: "Promote", author: author)
        try cache.push(branch: "agentplane/promote/run-1", credentials: f.credentials())
        #expect(try f.remote.remoteGit("rev-parse", "agentplane/promote/run-1") == run.hex)
        try cache.deleteRemoteBranch("agentplane/promote/run-1", credentials: f.credentials())
        #expect(try f.remote.remoteGit("for-each-ref", "refs/heads/agentplane") == "")
    }

    @Test func aServerRefusingANonFastForwardIsPushRejected() throws {
        let f = try fixture()
        try f.remote.remoteGit("config", "receive.denyNonFastForwards", "true")
        let cache = try Repository.clone(url: f.url, into: f.remote.path("cache.git"), credentials: f.credentials())
        let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000)
        try f.remote.commitAndPush(["desired/b.json": "{}\n"], message: "theirs")
        try cache.fetch(credentials: f.credentials())
        try cache.writeCommit(on: "main", parent: f.head, files: ["x": [1]], message: "ours", author: author)

        // Forced, so libgit2 sends it and the server's receive-pack answers per reference.
        let error = try #require(throws: GitError.self) {
            try cache.push(branch: "main", force: true, credentials: f.credentials())
        }
        guard case .pushRejected("refs/heads/main", let message) = error else {
            Issue.record("expected pushRejected, got \(error)")
            return
        }
        #expect(message.contains("non-fast-forward") || message.contains("denying"), "\(message)")
        #expect(error.isRetryable)
    }

    @Test func aRefusedKeyIsAnAuthenticationFailure() throws {
        let f = try fixture()
        let stranger = try SSHKeys(named: "stranger", in: f.remote.upstream.root, principal: "stranger")
        let destination = f.remote.path("cache.git")
        let error = try #require(throws: GitError.self) {
            try Repository.clone(url: f.url, into: destination, credentials: f.credentials(key: stranger.privateKey))
        }
        guard case .authenticationFailed(f.url, let message) = error else {
            Issue.record("expected authenticationFailed, got \(error)")
            return
        }
        #expect(message == "the remote refused SSH key \(stranger.privateKey) for user '\(f.server.user)'")
        #expect(error.description == "authentication failed for \(f.url): \(message)")
        #expect(!error.isRetryable)
        #expect(!FileManager.default.fileExists(atPath: destination))

        let none = try #require(throws: GitError.self) {
            try Repository.clone(
                url: f.url, into: destination, credentials: RemoteCredentials(knownHostsPath: f.knownHosts))
        }
        #expect(
            none
                == .authenticationFailed(
                    url: f.url,
                    message: "the remote asks for an SSH key: set AGENTPLANE_SSH_KEY to a key file or start an ssh-agent"))
    }

    @Test func anUnknownOrChangedHostKeyIsRefused() throws {
        let f = try fixture()
        let destination = f.remote.path("cache.git")
        let empty = f.remote.path("empty_known_hosts")
        try Data().write(to: URL(fileURLWithPath: empty))
        let unknown = try #require(throws: GitError.self) {
            try Repository.clone(url: f.url, into: destination, credentials: f.credentials(knownHosts: empty))
        }
        guard case .untrustedHost(f.url, let message) = unknown else {
            Issue.record("expected untrustedHost, got \(unknown)")
            return
        }
        #expect(message.hasPrefix("the host key of [127.0.0.1]:\(f.server.port) (ssh-ed25519 SHA256:"), "\(message)")
        #expect(message.hasSuffix(" is not in \(empty)"), "\(message)")
        #expect(!unknown.isRetryable)

        // The fingerprint in the message is the one ssh-keygen shows for the server's key.
        let listed = try SSHKeys.run(["-l", "-f", f.knownHosts]).split(separator: " ")
        #expect(listed.count > 1 && message.contains("(ssh-ed25519 \(listed[1]))"), "\(listed) vs \(message)")
        let other = try SSHKeys(named: "impostor", in: f.remote.upstream.root, principal: "x")
        let changed = f.remote.path("changed_known_hosts")
        let otherKey = other.allowedSignersLine.split(separator: " ").dropFirst().joined(separator: " ")
        try Data("[127.0.0.1]:\(f.server.port) \(otherKey)\n".utf8).write(to: URL(fileURLWithPath: changed))
        let mismatch = try #require(throws: GitError.self) {
            try Repository.clone(url: f.url, into: destination, credentials: f.credentials(knownHosts: changed))
        }
        #expect(mismatch.description.contains("does not match the one in \(changed)"), "\(mismatch)")

        let missing = try #require(throws: GitError.self) {
            try Repository.clone(url: f.url, into: destination, credentials: f.credentials(knownHosts: f.remote.path("none")))
        }
        #expect(mismatch != missing)
        #expect(missing.description.contains("no known_hosts file at \(f.remote.path("none"))"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    @Test func hashedKnownHostsEntriesAreHonoured() throws {
        let f = try fixture()
        try SSHKeys.run(["-H", "-f", f.knownHosts])
        let hashed = try String(contentsOfFile: f.knownHosts, encoding: .utf8)
        #expect(hashed.hasPrefix("|1|"), "ssh-keygen -H hashed the host name")
        let cache = try Repository.clone(url: f.url, into: f.remote.path("cache.git"), credentials: f.credentials())
        #expect(try cache.remoteBranchTip("main") == f.head)
    }
}
