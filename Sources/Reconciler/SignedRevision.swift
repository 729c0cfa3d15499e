import GitKit

/// `--require-signed`: a revision is reconciled only when its commit carries an SSH signature
/// by a key in the allowed-signers file (git's `gpg.ssh.allowedSignersFile` format).
enum SignedRevision {
    static func require(_ commit: ObjectID, in repository: Repository, allowedSigners: String) throws(ReconcileError) {
        let signed: CommitSignature?
        do {
            signed = try repository.signature(of: commit)
        } catch {
            throw .git(error)
        }
        guard let signed else {
            throw .unsigned(revision: commit.hex, message: "the commit is not signed (--require-signed)")
        }
        do {
            _ = try SSHSigner.verify(signature: signed.signature, payload: Array(signed.signedData.utf8), allowedSigners: allowedSigners)
        } catch {
            throw .unsigned(revision: commit.hex, message: error.description)
        }
    }
}
