/// Signs the text of a commit object, returning an armored signature for its `gpgsig` header.
///
/// GitKit calls it with the exact bytes (as UTF-8 text) that `git verify-commit` later checks;
/// ``SSHSigner/sign(_:)`` is the standard one. An error it throws fails the commit: a
/// ``GitError`` passes through, any other becomes ``GitError/signingFailed(_:)``.
public typealias CommitSigner = (_ payload: String) throws -> String

/// A commit's signature and the text it signs, as `git_commit_extract_signature` reads them.
public struct CommitSignature: Hashable, Sendable {
    /// The armored signature from the `gpgsig` header (`-----BEGIN SSH SIGNATURE-----…`).
    public let signature: String
    /// The commit object's text without the signature header: the bytes that were signed.
    public let signedData: String

    public init(signature: String, signedData: String) {
        self.signature = signature
        self.signedData = signedData
    }

    /// Whether the signature is in SSH format (`ssh-keygen -Y sign`), not OpenPGP or X.509.
    public var isSSH: Bool { signature.hasPrefix("-----BEGIN SSH SIGNATURE-----") }
}
