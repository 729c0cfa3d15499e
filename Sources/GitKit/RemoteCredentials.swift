import Foundation

/// What GitKit may answer when a remote asks who we are: an SSH key, the SSH agent, an HTTPS token.
///
/// libgit2 asks through its credentials callback, naming the kinds the transport accepts;
/// ``RemoteSession`` answers with the first that fits, and answers each kind once: a second
/// request means the remote refused it, which ends the operation with
/// ``GitError/authenticationFailed(url:message:)`` instead of retrying forever.
public struct RemoteCredentials: Hashable, Sendable, CustomStringConvertible {
    /// A private key file for SSH remotes (its `.pub` beside it is used when present).
    public var sshKeyPath: String?
    /// The passphrase of ``sshKeyPath``, if it has one.
    public var sshKeyPassphrase: String?
    /// Whether to ask the SSH agent (`SSH_AUTH_SOCK`) when no key file is given.
    public var useSSHAgent: Bool
    /// A token sent as the password of HTTPS basic authentication.
    public var token: String?
    /// The user name sent with ``token`` when the URL names none (GitHub accepts any; GitLab wants `oauth2`).
    public var tokenUsername: String
    /// The `known_hosts` file SSH host keys are checked against; nil trusts no SSH host.
    public var knownHostsPath: String?

    public init(
        sshKeyPath: String? = nil, sshKeyPassphrase: String? = nil, useSSHAgent: Bool = false,
        token: String? = nil, tokenUsername: String = "x-access-token", knownHostsPath: String? = nil
    ) {
        self.sshKeyPath = sshKeyPath
        self.sshKeyPassphrase = sshKeyPassphrase
        self.useSSHAgent = useSSHAgent
        self.token = token
        self.tokenUsername = tokenUsername
        self.knownHostsPath = knownHostsPath
    }

    /// No credentials at all: only remotes that need none (local paths, anonymous HTTPS) work.
    public static let none = RemoteCredentials()

    /// Credentials from the environment: `AGENTPLANE_SSH_KEY` (a key file),
    /// `AGENTPLANE_SSH_KEY_PASSPHRASE`, the SSH agent when `SSH_AUTH_SOCK` is set,
    /// `AGENTPLANE_GIT_TOKEN`, `AGENTPLANE_GIT_USERNAME` (default `x-access-token`), and
    /// `AGENTPLANE_SSH_KNOWN_HOSTS` (default `$HOME/.ssh/known_hosts`). Empty values count as unset.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RemoteCredentials {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        return RemoteCredentials(
            sshKeyPath: value("AGENTPLANE_SSH_KEY"),
            sshKeyPassphrase: value("AGENTPLANE_SSH_KEY_PASSPHRASE"),
            useSSHAgent: value("SSH_AUTH_SOCK") != nil,
            token: value("AGENTPLANE_GIT_TOKEN"),
            tokenUsername: value("AGENTPLANE_GIT_USERNAME") ?? "x-access-token",
            knownHostsPath: value("AGENTPLANE_SSH_KNOWN_HOSTS")
                ?? value("HOME").map { ($0 as NSString).appendingPathComponent(".ssh/known_hosts") })
    }

    /// What is configured, never showing the token or the passphrase.
    public var description: String {
        var parts: [String] = []
        if let sshKeyPath { parts.append("ssh key \(sshKeyPath)") }
        if useSSHAgent { parts.append("ssh agent") }
        if token != nil { parts.append("token for \(tokenUsername)") }
        if let knownHostsPath { parts.append("known hosts \(knownHostsPath)") }
        return parts.isEmpty ? "no credentials" : parts.joined(separator: ", ")
    }
}
