import CGit2

/// Raw calls for signed commits: the unsigned commit text, storing it with a signature header,
/// and reading a signature back.
extension RepositoryHandle {
    /// The text of the commit object that `git_commit_create` would write (`git_commit_create_buffer`).
    func commitBuffer(
        tree: TreeHandle, parents: [CommitHandle], message: String,
        author: SignatureHandle, committer: SignatureHandle
    ) throws(GitError) -> String {
        var parentPointers: [OpaquePointer?] = parents.map(\.pointer)
        return try withExtendedLifetime(parents) { () throws(GitError) in
            try LibGit2.bufferString("git_commit_create_buffer", what: "commit buffer") {
                git_commit_create_buffer(
                    &$0, pointer, author.pointer, committer.pointer, nil, message, tree.pointer,
                    parentPointers.count, &parentPointers)
            }
        }
    }

    /// Writes a commit from its text with `signature` in the `gpgsig` header
    /// (`git_commit_create_with_signature`), without moving any reference.
    func createCommit(content: String, signature: String) throws(GitError) -> ObjectID {
        var oid = git_oid()
        try LibGit2.call("git_commit_create_with_signature") {
            git_commit_create_with_signature(&oid, pointer, content, signature, "gpgsig")
        }
        return ObjectID(oid)
    }

    /// The `gpgsig` header of a commit and the text it signs, nil for an unsigned commit
    /// (`git_commit_extract_signature`).
    func extractSignature(_ commit: ObjectID) throws(GitError) -> (signature: [UInt8], signedData: [UInt8])? {
        var oid = commit.oid
        var signature = git_buf()
        var signedData = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&signedData)
        }
        do {
            try LibGit2.call("git_commit_extract_signature") {
                git_commit_extract_signature(&signature, &signedData, pointer, &oid, nil)
            }
        } catch .library(let failure) where failure.isNotFound {
            if try referenceExists(commit) { return nil }
            throw .library(failure)
        }
        return (Self.copy(signature), Self.copy(signedData))
    }

    /// Whether `commit` is in the object database, to tell "unsigned" from "missing".
    private func referenceExists(_ commit: ObjectID) throws(GitError) -> Bool {
        do {
            _ = try self.commit(commit)
            return true
        } catch .library(let failure) where failure.isNotFound {
            return false
        }
    }

    private static func copy(_ buffer: git_buf) -> [UInt8] {
        guard let pointer = buffer.ptr, buffer.size > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: buffer.size) {
            Array(UnsafeBufferPointer(start: $0, count: buffer.size))
        }
    }
}
