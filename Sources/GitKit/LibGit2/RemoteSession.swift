import CGit2
import Foundation

/// The Swift side of one fetch or push: answers libgit2's credential requests and records what
/// the remote said about each pushed reference.
///
/// libgit2 calls back synchronously on the calling thread, with this object as the `payload`
/// (an unretained `Unmanaged` pointer kept alive by ``withCallbacks(_:)``). The callbacks are
/// `@convention(c)` closures that capture nothing.
final class RemoteSession {
    /// The remote's URL, named in errors.
    let url: String
    private let credentials: RemoteCredentials
    /// Credential kinds already answered: a second request for one means the remote refused it.
    private var answered: Set<String> = []
    /// Why authentication ended, set when a callback gave up.
    private(set) var authenticationFailure: String?
    /// Why the server's SSH host key was refused.
    private(set) var hostKeyFailure: String?
    /// References the remote refused to update during a push, with its reason, in order.
    private(set) var rejections: [(ref: String, message: String)] = []

    init(url: String, credentials: RemoteCredentials) {
        self.url = url
        self.credentials = credentials
    }

    /// Runs `body` with callbacks (`git_remote_init_callbacks`) whose payload is this session.
    func withCallbacks<T>(_ body: (git_remote_callbacks) throws(GitError) -> T) throws(GitError) -> T {
        var callbacks = git_remote_callbacks()
        try LibGit2.call("git_remote_init_callbacks") {
            git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        }
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            let username = usernameFromURL.flatMap { String(validatingCString: $0) }
            return session.acquire(out, username: username, allowed: allowedTypes)
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let reference, let status else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            session.rejections.append(
                (
                    String(decoding: LibGit2.bytes(reference), as: UTF8.self),
                    String(decoding: LibGit2.bytes(status), as: UTF8.self)
                ))
            return 0
        }
        callbacks.certificate_check = { certificate, valid, host, payload in
            guard let certificate, let payload else { return GIT_EUSER.rawValue }
            // TLS certificates: libgit2 has checked them against the system's CAs; keep its verdict.
            guard certificate.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else { return GIT_PASSTHROUGH.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            let hostname = host.flatMap { String(validatingCString: $0) } ?? ""
            return certificate.withMemoryRebound(to: git_cert_hostkey.self, capacity: 1) {
                session.checkHostKey($0.pointee, host: hostname)
            }
        }
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        return try withExtendedLifetime(self) { () throws(GitError) in try body(callbacks) }
    }

    /// Turns a failure of a call made with these callbacks into the error a user should see.
    ///
    /// - Parameter connecting: whether the call was the connection itself (a failure there means
    ///   the remote cannot be reached) or a transfer after it.
    func error(for failure: GitCallFailure, connecting: Bool) -> GitError {
        if let authenticationFailure { return .authenticationFailed(url: url, message: authenticationFailure) }
        if let hostKeyFailure { return .untrustedHost(url: url, message: hostKeyFailure) }
        if failure.code == GIT_EAUTH.rawValue { return .authenticationFailed(url: url, message: failure.message) }
        guard connecting else { return .remoteFailed(url: url, failure) }
        if let path = Self.localPath(url), !FileManager.default.fileExists(atPath: path) {
            // libgit2 picks the local transport only for paths that exist, and otherwise says
            // "unsupported URL protocol": name the real cause, keeping libgit2's words.
            return .remoteUnreachable(
                url: url,
                GitCallFailure(
                    function: failure.function, code: GIT_ENOTFOUND.rawValue, errorClass: failure.errorClass,
                    message: "'\(path)' does not exist (libgit2: \(failure.message))"))
        }
        return .remoteUnreachable(url: url, failure)
    }

    /// The filesystem path of a `file://` URL or a local path, nil for a network URL
    /// (`scheme://…`, or git's scp-like `[user@]host:path`, a colon before any slash).
    static func localPath(_ url: String) -> String? {
        if url.hasPrefix("file://") { return URL(string: url)?.path }
        if url.contains("://") { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    // MARK: - Host keys

    /// Accepts the SSH host key only when ``RemoteCredentials/knownHostsPath`` lists it for this host.
    private func checkHostKey(_ certificate: git_cert_hostkey, host: String) -> Int32 {
        guard certificate.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = certificate.hostkey,
            let type = Self.keyTypes[certificate.raw_type.rawValue]
        else {
            return refuseHost("libgit2 reported no usable raw host key for \(host)")
        }
        let blob = Data(bytes: raw, count: certificate.hostkey_len).base64EncodedString()
        let digest = withUnsafeBytes(of: certificate.hash_sha256) { Data($0) }
        let fingerprint = "SHA256:" + digest.base64EncodedString().replacingOccurrences(of: "=", with: "")
        guard let path = credentials.knownHostsPath else {
            return refuseHost("no known_hosts file is configured (AGENTPLANE_SSH_KNOWN_HOSTS or $HOME/.ssh/known_hosts)")
        }
        let knownHosts = KnownHosts(path: path, executable: SSHSigner.defaultExecutable)
        let key = KnownHosts.HostKey(type: type, base64: blob, fingerprint: fingerprint)
        guard let problem = knownHosts.problem(with: key, host: host, port: KnownHosts.port(of: url)) else { return 0 }
        return refuseHost(problem)
    }

    private func refuseHost(_ message: String) -> Int32 {
        hostKeyFailure = message
        _ = git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), message)
        return GIT_ECERTIFICATE.rawValue
    }

    /// OpenSSH names of `git_cert_ssh_raw_type_t`.
    private static let keyTypes: [UInt32: String] = [
        GIT_CERT_SSH_RAW_TYPE_RSA.rawValue: "ssh-rsa",
        GIT_CERT_SSH_RAW_TYPE_DSS.rawValue: "ssh-dss",
        GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256.rawValue: "ecdsa-sha2-nistp256",
        GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384.rawValue: "ecdsa-sha2-nistp384",
        GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521.rawValue: "ecdsa-sha2-nistp521",
        GIT_CERT_SSH_RAW_TYPE_KEY_ED25519.rawValue: "ssh-ed25519",
    ]

    // MARK: - Credentials

    /// Answers one credential request; gives up (`GIT_EAUTH`) when nothing fits or an answer was refused.
    private func acquire(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, username: String?, allowed: UInt32
    ) -> Int32 {
        let code: Int32
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            code = sshKey(out, username: username ?? "git")
        } else if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            code = once("username", refused: "the remote refused user name '\(username ?? "git")'") {
                git_credential_username_new(out, username ?? "git")
            }
        } else if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            code = token(out, username: username ?? credentials.tokenUsername)
        } else {
            code = giveUp("the remote asks for credentials GitKit cannot give (libgit2 credential types \(allowed))")
        }
        return code
    }

    private func sshKey(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, username: String) -> Int32 {
        if let key = credentials.sshKeyPath {
            let publicKey = key + ".pub"
            let hasPublicKey = FileManager.default.isReadableFile(atPath: publicKey)
            return once("ssh-key", refused: "the remote refused SSH key \(key) for user '\(username)'") {
                git_credential_ssh_key_new(
                    out, username, hasPublicKey ? publicKey : nil, key, credentials.sshKeyPassphrase)
            }
        }
        if credentials.useSSHAgent {
            return once("ssh-agent", refused: "the remote refused every key of the SSH agent for user '\(username)'") {
                git_credential_ssh_key_from_agent(out, username)
            }
        }
        return giveUp("the remote asks for an SSH key: set AGENTPLANE_SSH_KEY to a key file or start an ssh-agent")
    }

    private func token(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, username: String) -> Int32 {
        guard let token = credentials.token else {
            return giveUp("the remote asks for a user name and password: set AGENTPLANE_GIT_TOKEN")
        }
        return once("token", refused: "the remote refused the token (AGENTPLANE_GIT_TOKEN) for user '\(username)'") {
            git_credential_userpass_plaintext_new(out, username, token)
        }
    }

    /// Runs `make` the first time `kind` is asked for; a second request means it was refused.
    private func once(_ kind: String, refused: String, _ make: () -> Int32) -> Int32 {
        guard answered.insert(kind).inserted else { return giveUp(refused) }
        return make()
    }

    /// Records why authentication ends and tells libgit2 (`git_error_set_str`).
    private func giveUp(_ message: String) -> Int32 {
        authenticationFailure = message
        _ = git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), message)
        return GIT_EAUTH.rawValue
    }
}
