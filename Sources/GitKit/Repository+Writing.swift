import CGit2

/// Writing commits without an index or a work tree.
extension Repository {
    /// Commits files on top of `parent` and moves `branch` to the new commit.
    ///
    /// The new tree is the parent's tree (empty without a parent) with `files` written as
    /// regular files and `removing` (files or whole directories) taken out, rebuilt one
    /// directory level at a time with `git_treebuilder`; directories left empty disappear.
    /// The branch moves only if it still points at `parent` (or, when it does not exist yet, is
    /// created): a concurrent writer makes this throw ``GitError/branchMoved(branch:expected:actual:)``
    /// and the caller rebuilds on the new tip. The work tree and index are never touched.
    /// - Parameters:
    ///   - branch: a short branch name such as `agentplane/promote/run-1`.
    ///   - message: stored with a trailing newline, as `git commit` does.
    ///   - committer: defaults to `author`.
    ///   - signer: when given, signs the commit (see ``CommitSigner``; e.g. ``SSHSigner/sign(_:)``).
    /// - Returns: the new commit's id.
    @discardableResult
    public func writeCommit(
        on branch: String, parent: ObjectID?, files: [String: [UInt8]], removing: [String] = [],
        message: String, author: Commit.Signature, committer: Commit.Signature? = nil,
        signer: CommitSigner? = nil
    ) throws(GitError) -> ObjectID {
        try LibGit2.checkNoNUL(branch, what: "branch name")
        try LibGit2.checkNoNUL(message, what: "commit message")
        guard try handle.isValidBranchName(branch) else {
            throw .invalidArgument("'\(branch)' is not a valid branch name")
        }
        let plan = try TreeEditPlan(files: files, removing: removing)
        let reference = "refs/heads/" + branch
        let current = try handle.referenceTarget(reference)
        if let current, current != parent {
            throw .branchMoved(branch: branch, expected: parent, actual: current)
        }
        let authorHandle = try SignatureHandle(author)
        let committerHandle = try SignatureHandle(committer ?? author)
        var parents: [CommitHandle] = []
        if let parent { parents.append(try GitError.reading(parent) { () throws(GitError) in try handle.commit(parent) }) }
        let rootID = try buildTree(plan, base: try parents.first?.tree())
        let text = message.hasSuffix("\n") ? message : message + "\n"
        let id = try createCommit(
            tree: try handle.tree(rootID), parents: parents, message: text,
            author: authorHandle, committer: committerHandle, signer: signer)
        let summary = String(text.prefix { $0 != "\n" })
        do {
            try handle.moveReference(reference, to: id, from: current, log: "commit: \(summary)")
        } catch .library(let failure) where [GIT_EMODIFIED, GIT_EEXISTS, GIT_ENOTFOUND, GIT_ELOCKED].map(\.rawValue).contains(failure.code) {
            throw .branchMoved(branch: branch, expected: current, actual: try? handle.referenceTarget(reference))
        }
        return id
    }

    /// The repository's configured `user.name` and `user.email` at the current time
    /// (`git_signature_default`).
    public func configuredSignature() throws(GitError) -> Commit.Signature {
        try SignatureHandle(defaultFor: handle).value()
    }

    /// Rebuilds every directory of the plan, deepest first, and returns the new root tree's id.
    private func buildTree(_ plan: TreeEditPlan, base: TreeHandle?) throws(GitError) -> ObjectID {
        var built: [String: ObjectID] = [:]
        for directory in plan.directories {
            let builder = try TreeBuilderHandle(handle, source: try existingTree(at: directory, in: base, plan: plan))
            for (name, bytes) in plan.writes[directory] ?? [:] {
                if builder.mode(of: name) == GIT_FILEMODE_TREE.rawValue {
                    throw .invalidArgument("path '\(Self.join(directory, name))' is a directory in the parent commit")
                }
                try builder.insert(name, id: try handle.createBlob(bytes), mode: GIT_FILEMODE_BLOB)
            }
            for name in plan.removals[directory] ?? [] { try builder.remove(name) }
            for (name, path) in plan.children[directory] ?? [:] {
                if let id = built[path] {
                    try builder.insert(name, id: id, mode: GIT_FILEMODE_TREE)
                } else {
                    try builder.remove(name)
                }
            }
            if builder.count > 0 || directory.isEmpty { built[directory] = try builder.write() }
        }
        guard let root = built[""] else { throw .invalidArgument("no root tree was built") }
        return root
    }

    /// The parent's tree at `directory`, nil when absent or explicitly removed.
    private func existingTree(at directory: String, in base: TreeHandle?, plan: TreeEditPlan) throws(GitError) -> TreeHandle? {
        guard let base else { return nil }
        if directory.isEmpty { return base }
        if plan.removedPaths.contains(directory) { return nil }
        guard let entry = try base.entry(atPath: directory) else { return nil }
        guard entry.mode == GIT_FILEMODE_TREE.rawValue else { throw .notADirectory(path: directory) }
        return try handle.tree(entry.id)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }
}
