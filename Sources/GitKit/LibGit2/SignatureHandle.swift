import CGit2

/// Owns one `git_signature *` and frees it with `git_signature_free`.
final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>

    private init(_ pointer: UnsafeMutablePointer<git_signature>) { self.pointer = pointer }

    deinit { git_signature_free(pointer) }

    /// A signature with an explicit time (`git_signature_new`); libgit2 rejects `<`, `>` and newlines.
    convenience init(_ signature: Commit.Signature) throws(GitError) {
        try LibGit2.checkNoNUL(signature.name, what: "signature name")
        try LibGit2.checkNoNUL(signature.email, what: "signature email")
        self.init(try LibGit2.make("git_signature_new") {
            git_signature_new(
                &$0, signature.name, signature.email, git_time_t(signature.time), Int32(signature.offsetMinutes))
        })
    }

    /// The repository's configured `user.name` and `user.email`, at the current time (`git_signature_default`).
    convenience init(defaultFor repository: RepositoryHandle) throws(GitError) {
        self.init(try LibGit2.make("git_signature_default") { git_signature_default(&$0, repository.pointer) })
    }

    /// Copies the signature.
    func value() throws(GitError) -> Commit.Signature {
        try Commit.Signature(copying: pointer, what: "signature")
    }
}

extension Commit.Signature {
    /// Copies a borrowed `const git_signature *`; a name or email that is not UTF-8 is an error.
    init(copying raw: UnsafePointer<git_signature>, what: String) throws(GitError) {
        self.init(
            name: try LibGit2.string(raw.pointee.name, what: "\(what) name"),
            email: try LibGit2.string(raw.pointee.email, what: "\(what) email"),
            time: Int64(raw.pointee.when.time), offsetMinutes: Int(raw.pointee.when.offset))
    }
}
