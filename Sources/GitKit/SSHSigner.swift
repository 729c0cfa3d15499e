import Foundation

/// Signs and verifies with `ssh-keygen -Y`, in the SSH signature format git uses for
/// `gpg.format=ssh`, so `git verify-commit` accepts what it signs.
///
/// As a ``CommitSigner``: `repository.writeCommit(…, signer: SSHSigner(keyPath: key).sign)`.
/// The evidence manifest can be signed the same way under its own namespace.
public struct SSHSigner: Hashable, Sendable {
    /// Where ssh-keygen usually is.
    public static let defaultExecutable = "/usr/bin/ssh-keygen"

    /// The private key file (mode 600, without a passphrase: ssh-keygen would prompt for one).
    public let keyPath: String
    /// The signature namespace: `git` for commits (what `git verify-commit` checks).
    public let namespace: String
    /// The ssh-keygen executable.
    public let executable: String

    public init(keyPath: String, namespace: String = "git", executable: String = SSHSigner.defaultExecutable) {
        self.keyPath = keyPath
        self.namespace = namespace
        self.executable = executable
    }

    /// Signs `payload` (`ssh-keygen -Y sign -n NAMESPACE -f KEY`, payload on stdin) and returns
    /// the armored `-----BEGIN SSH SIGNATURE-----` block.
    /// - Throws: ``GitError/signingFailed(_:)`` with ssh-keygen's own message, or naming the
    ///   missing executable.
    public func sign(_ payload: String) throws(GitError) -> String {
        try sign(bytes: Array(payload.utf8))
    }

    /// Signs raw bytes; see ``sign(_:)``.
    public func sign(bytes: [UInt8]) throws(GitError) -> String {
        let keygen = SSHKeygen(executable: executable)
        return try SSHKeygen.withScratch { (directory) throws(GitError) in
            let outcome = try keygen.run(["-Y", "sign", "-n", namespace, "-f", keyPath], input: bytes, in: directory)
            guard outcome.status == 0, outcome.output.hasPrefix("-----BEGIN SSH SIGNATURE-----") else {
                throw .signingFailed("ssh-keygen could not sign with \(keyPath): \(Self.reason(outcome))")
            }
            return outcome.output
        }
    }

    /// Checks `signature` over `payload` against an allowed-signers file (git's
    /// `gpg.ssh.allowedSignersFile` format) and returns the signer's principal.
    ///
    /// The principal is looked up from the signing key (`ssh-keygen -Y find-principals`), then
    /// the signature checked for it (`ssh-keygen -Y verify -n NAMESPACE -f FILE -I PRINCIPAL`).
    /// - Throws: ``GitError/signingFailed(_:)`` when the key is in no line of the file, or the
    ///   signature does not verify, with ssh-keygen's message.
    public static func verify(
        signature: String, payload: [UInt8], allowedSigners: String, namespace: String = "git",
        executable: String = SSHSigner.defaultExecutable
    ) throws(GitError) -> String {
        let keygen = SSHKeygen(executable: executable)
        return try SSHKeygen.withScratch { (directory) throws(GitError) in
            let armored = signature.hasSuffix("\n") ? signature : signature + "\n"
            let file = try SSHKeygen.write(Array(armored.utf8), named: "signature", in: directory).path
            let lookup = try keygen.run(
                ["-Y", "find-principals", "-s", file, "-f", allowedSigners], input: [], in: directory)
            let principals = lookup.output.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
            guard lookup.status == 0, let principal = principals.first else {
                throw .signingFailed(
                    "the signing key is not in the allowed signers file \(allowedSigners): \(reason(lookup))")
            }
            let check = try keygen.run(
                ["-Y", "verify", "-n", namespace, "-f", allowedSigners, "-I", principal, "-s", file],
                input: payload, in: directory)
            guard check.status == 0 else {
                throw .signingFailed("the signature of \(principal) does not verify: \(reason(check))")
            }
            return principal
        }
    }

    /// ssh-keygen's complaint, or its exit status when it printed none.
    private static func reason(_ outcome: SSHKeygen.Outcome) -> String {
        outcome.errors.isEmpty ? "ssh-keygen exited with status \(outcome.status)" : outcome.errors
    }
}
