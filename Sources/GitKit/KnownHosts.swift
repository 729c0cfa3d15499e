import Foundation

/// Checks an SSH server's host key against a `known_hosts` file, as `ssh` does with
/// `StrictHostKeyChecking yes` (libgit2 1.5 accepts any host key unless told otherwise).
///
/// Entries are found with `ssh-keygen -F`, so hashed host names and `[host]:port` patterns work
/// as in OpenSSH; a matching `@revoked` entry refuses the key, `@cert-authority` entries are
/// ignored (host certificates are not supported).
struct KnownHosts {
    /// The `known_hosts` file.
    let path: String
    /// The ssh-keygen executable.
    let executable: String

    /// A server's key as libgit2 reports it.
    struct HostKey {
        /// The OpenSSH key type, e.g. `ssh-ed25519`.
        let type: String
        /// The key blob, base64, as the second field of a `known_hosts` line.
        let base64: String
        /// `SHA256:…` as `ssh` prints it, for messages.
        let fingerprint: String
    }

    /// Nil when `key` is known for `host` on `port`, otherwise why it is not trusted.
    func problem(with key: HostKey, host: String, port: Int) -> String? {
        let pattern = port == 22 ? host : "[\(host)]:\(port)"
        guard FileManager.default.fileExists(atPath: path) else {
            return "no known_hosts file at \(path): add the host key first "
                + "(e.g. `ssh-keyscan -p \(port) \(host) >> \(path)`, then check its fingerprint)"
        }
        let lines: [Substring]
        do {
            lines = try SSHKeygen.withScratch { (directory) throws(GitError) in
                let outcome = try SSHKeygen(executable: executable).run(["-F", pattern, "-f", path], input: [], in: directory)
                return outcome.output.split(whereSeparator: \.isNewline)
            }
        } catch {
            return "cannot read \(path) with ssh-keygen: \(error)"
        }
        var otherKeys = false
        for line in lines where !line.hasPrefix("#") {
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            var marker: Substring?
            if fields.first?.hasPrefix("@") == true { marker = fields.removeFirst() }
            guard fields.count >= 3, marker != "@cert-authority" else { continue }
            if fields[1] == key.type, fields[2] == key.base64 {
                if marker == "@revoked" { return "the host key of \(pattern) (\(key.fingerprint)) is revoked in \(path)" }
                return nil
            }
            otherKeys = true
        }
        if otherKeys {
            return "the host key of \(pattern) (\(key.type) \(key.fingerprint)) does not match the one in \(path): "
                + "the server changed its key, or someone is intercepting the connection"
        }
        return "the host key of \(pattern) (\(key.type) \(key.fingerprint)) is not in \(path)"
    }

    /// The port of an `ssh://` URL, 22 for scp-like `host:path` or when none is given.
    static func port(of url: String) -> Int {
        guard url.hasPrefix("ssh://") || url.hasPrefix("ssh+git://") || url.hasPrefix("git+ssh://"),
            let port = URL(string: url)?.port
        else { return 22 }
        return port
    }
}
