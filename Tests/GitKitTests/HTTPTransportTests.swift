import Foundation
import Testing

@testable import GitKit

/// git over smart HTTP through libgit2 against `git http-backend` behind basic authentication:
/// the token from `RemoteCredentials` answers libgit2's credentials callback.
@Suite struct HTTPTransportTests {
    private let token = "s3cret-token"

    private func fixture(user: String = "x-access-token") throws -> (remote: RemoteSandbox, server: HTTPGitServer, head: ObjectID)
    {
        let remote = try RemoteSandbox()
        let head = try remote.commitAndPush(["desired/a.json": "{}\n"], message: "first")
        let server = try HTTPGitServer(
            root: remote.upstream.root.path, user: user, token: token, scratch: remote.upstream.root)
        return (remote, server, head)
    }

    @Test func aTokenClonesFetchesAndPushes() throws {
        let (remote, server, head) = try fixture()
        let credentials = RemoteCredentials(token: token)
        let cache = try Repository.clone(url: server.url("remote.git"), into: remote.path("cache.git"), credentials: credentials)
        #expect(try cache.remoteBranchTip("main") == head)
        #expect(try cache.defaultBranch() == "main")

        let second = try remote.commitAndPush(["desired/a.json": "{\"a\": 2}\n"], message: "second")
        try cache.fetch(credentials: credentials)
        #expect(try cache.remoteBranchTip("main") == second)

        let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000)
        let run = try cache.writeCommit(
            on: "agentplane/promote/run-1", parent: second, files: ["evidence/run-1/m.json": [0x7B, 0x7D]],
            message: "Promote", author: author)
        try cache.push(branch: "agentplane/promote/run-1", credentials: credentials)
        #expect(try remote.remoteGit("rev-parse", "agentplane/promote/run-1") == run.hex)
    }

    @Test func theUserNameInTheURLIsSentWithTheToken() throws {
        let (remote, server, head) = try fixture(user: "alice")
        let url = server.url("remote.git", user: "alice")
        let cache = try Repository.clone(url: url, into: remote.path("cache.git"), credentials: RemoteCredentials(token: token))
        #expect(try cache.remoteBranchTip("main") == head)
        let named = try Repository.clone(
            url: server.url("remote.git"), into: remote.path("named.git"),
            credentials: RemoteCredentials(token: token, tokenUsername: "alice"))
        #expect(try named.remoteBranchTip("main") == head)
    }

    @Test func aWrongTokenIsAnAuthenticationFailureNamingTheURL() throws {
        let (remote, server, _) = try fixture()
        let url = server.url("remote.git")
        let destination = remote.path("cache.git")
        let error = try #require(throws: GitError.self) {
            try Repository.clone(url: url, into: destination, credentials: RemoteCredentials(token: "wrong"))
        }
        #expect(
            error
                == .authenticationFailed(
                    url: url, message: "the remote refused the token (AGENTPLANE_GIT_TOKEN) for user 'x-access-token'"))
        #expect(
            error.description
                == "authentication failed for \(url): the remote refused the token (AGENTPLANE_GIT_TOKEN) for user 'x-access-token'"
        )
        #expect(!error.isRetryable)
        #expect(!error.description.contains("wrong"), "the token never appears in a message")
        #expect(!FileManager.default.fileExists(atPath: destination))

        let none = try #require(throws: GitError.self) {
            try Repository.clone(url: url, into: destination, credentials: .none)
        }
        #expect(
            none
                == .authenticationFailed(
                    url: url, message: "the remote asks for a user name and password: set AGENTPLANE_GIT_TOKEN"))
    }

    @Test func aClosedPortIsUnreachableAndRetryable() throws {
        let (remote, server, _) = try fixture()
        let url = "http://127.0.0.1:1/remote.git"
        _ = server
        let error = try #require(throws: GitError.self) {
            try Repository.clone(url: url, into: remote.path("cache.git"), credentials: RemoteCredentials(token: token))
        }
        guard case .remoteUnreachable(url, let failure) = error else {
            Issue.record("expected remoteUnreachable, got \(error)")
            return
        }
        #expect(error.isRetryable)
        #expect(failure.function == "git_remote_connect_ext")
    }

    @Test func credentialsComeFromTheEnvironmentAndNeverPrintTheToken() {
        let credentials = RemoteCredentials.fromEnvironment([
            "AGENTPLANE_SSH_KEY": "/keys/deploy", "AGENTPLANE_GIT_TOKEN": token, "AGENTPLANE_GIT_USERNAME": "oauth2",
            "SSH_AUTH_SOCK": "/run/agent.sock", "HOME": "/home/plane", "AGENTPLANE_SSH_KEY_PASSPHRASE": "",
        ])
        #expect(
            credentials
                == RemoteCredentials(
                    sshKeyPath: "/keys/deploy", sshKeyPassphrase: nil, useSSHAgent: true, token: token, tokenUsername: "oauth2",
                    knownHostsPath: "/home/plane/.ssh/known_hosts"))
        #expect(
            credentials.description
                == "ssh key /keys/deploy, ssh agent, token for oauth2, known hosts /home/plane/.ssh/known_hosts")
        #expect(!String(describing: credentials).contains(token))
        #expect(
            RemoteCredentials.fromEnvironment(["AGENTPLANE_SSH_KNOWN_HOSTS": "/etc/agentplane/known_hosts"])
                .knownHostsPath == "/etc/agentplane/known_hosts")
        #expect(RemoteCredentials.fromEnvironment([:]) == .none)
    }
}
