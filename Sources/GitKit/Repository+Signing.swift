import CGit2

/// Signed commits: writing them through a ``CommitSigner`` and reading their signatures.
extension Repository {
    /// The signature of `commit` and the text it signs, nil when the commit is unsigned
    /// (`git_commit_extract_signature`, header `gpgsig`).
    /// - Throws: ``GitError/unreadableObject(_:path:_:)`` when the commit is missing.
    public func signature(of commit: ObjectID) throws(GitError) -> CommitSignature? {
        let extracted = try GitError.reading(commit) { () throws(GitError) in try handle.extractSignature(commit) }
        guard let extracted else { return nil }
        guard let signature = String(validating: extracted.signature, as: UTF8.self) else {
            throw .invalidUTF8(what: "signature of commit \(commit)", escaped: ByteEscaping.escape(extracted.signature))
        }
        guard let signedData = String(validating: extracted.signedData, as: UTF8.self) else {
            throw .invalidUTF8(what: "signed text of commit \(commit)", escaped: ByteEscaping.escape(extracted.signedData))
        }
        return CommitSignature(signature: signature, signedData: signedData)
    }

    /// Writes a commit object, signed when `signer` is given, without moving any reference.
    ///
    /// Unsigned: `git_commit_create`. Signed: `git_commit_create_buffer`, the signer, then
    /// `git_commit_create_with_signature`; the signature's trailing newlines are dropped, as git
    /// stores them.
    func createCommit(
        tree: TreeHandle, parents: [CommitHandle], message: String,
        author: SignatureHandle, committer: SignatureHandle, signer: CommitSigner?
    ) throws(GitError) -> ObjectID {
        guard let signer else {
            return try handle.createCommit(
                tree: tree, parents: parents, message: message, author: author, committer: committer)
        }
        let content = try handle.commitBuffer(
            tree: tree, parents: parents, message: message, author: author, committer: committer)
        let armored: String
        do {
            armored = try signer(content)
        } catch let error as GitError {
            throw error
        } catch {
            throw .signingFailed("signing the commit failed: \(error)")
        }
        var signature = Substring(armored)
        while signature.last == "\n" || signature.last == "\r" { signature.removeLast() }
        guard !signature.isEmpty else { throw .signingFailed("the signer returned an empty signature") }
        try LibGit2.checkNoNUL(String(signature), what: "signature")
        return try handle.createCommit(content: content, signature: String(signature))
    }
}

extension Repository {
    /// Checks that `commit` carries an SSH signature by a key of the allowed-signers file and
    /// returns its principal, as `git verify-commit` with `gpg.format=ssh` and
    /// `gpg.ssh.allowedSignersFile` would accept it (``SSHSigner/verify(signature:payload:allowedSigners:namespace:executable:)``).
    /// - Throws: ``GitError/signingFailed(_:)`` when the commit is unsigned, signed in another
    ///   format, or not by an allowed key.
    public func verifySignature(
        of commit: ObjectID, allowedSigners: String, executable: String = SSHSigner.defaultExecutable
    ) throws(GitError) -> String {
        guard let signed = try signature(of: commit) else {
            throw .signingFailed("commit \(commit.short) is not signed")
        }
        guard signed.isSSH else {
            throw .signingFailed("commit \(commit.short) is not signed with an SSH key (OpenPGP or X.509 signature)")
        }
        do {
            return try SSHSigner.verify(
                signature: signed.signature, payload: Array(signed.signedData.utf8),
                allowedSigners: allowedSigners, executable: executable)
        } catch .signingFailed(let message) {
            throw .signingFailed("commit \(commit.short): \(message)")
        }
    }
}
