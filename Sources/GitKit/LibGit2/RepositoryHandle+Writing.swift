import CGit2

/// Raw calls that write objects and move references.
extension RepositoryHandle {
    /// Stores bytes as a blob (`git_blob_create_from_buffer`).
    func createBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
        var oid = git_oid()
        try LibGit2.call("git_blob_create_from_buffer") {
            bytes.withUnsafeBytes { git_blob_create_from_buffer(&oid, pointer, $0.baseAddress, $0.count) }
        }
        return ObjectID(oid)
    }

    /// Writes a commit object without moving any reference (`git_commit_create`).
    func createCommit(
        tree: TreeHandle, parents: [CommitHandle], message: String,
        author: SignatureHandle, committer: SignatureHandle
    ) throws(GitError) -> ObjectID {
        var oid = git_oid()
        var parentPointers: [OpaquePointer?] = parents.map(\.pointer)
        try LibGit2.call("git_commit_create") {
            withExtendedLifetime(parents) {
                git_commit_create(
                    &oid, pointer, nil, author.pointer, committer.pointer, nil, message, tree.pointer,
                    parentPointers.count, &parentPointers)
            }
        }
        return ObjectID(oid)
    }

    /// The commit a reference points at, nil when it does not exist (`git_reference_name_to_id`).
    func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        do {
            try LibGit2.call("git_reference_name_to_id") { git_reference_name_to_id(&oid, pointer, name) }
        } catch .library(let failure) where failure.isNotFound {
            return nil
        }
        return ObjectID(oid)
    }

    /// Points `name` at `target` if it still points at `expected`, or creates it when `expected`
    /// is nil and it does not exist yet (`git_reference_create_matching`, `git_reference_create`).
    func moveReference(_ name: String, to target: ObjectID, from expected: ObjectID?, log: String) throws(GitError) {
        var targetOID = target.oid
        if let expected {
            var expectedOID = expected.oid
            _ = ReferenceHandle(try LibGit2.make("git_reference_create_matching") {
                git_reference_create_matching(&$0, pointer, name, &targetOID, 1, &expectedOID, log)
            })
        } else {
            _ = ReferenceHandle(try LibGit2.make("git_reference_create") {
                git_reference_create(&$0, pointer, name, &targetOID, 0, log)
            })
        }
    }

    /// Whether `name` is a valid branch name (`git_branch_name_is_valid`).
    func isValidBranchName(_ name: String) throws(GitError) -> Bool {
        var valid: Int32 = 0
        try LibGit2.call("git_branch_name_is_valid") { git_branch_name_is_valid(&valid, name) }
        return valid == 1
    }
}
