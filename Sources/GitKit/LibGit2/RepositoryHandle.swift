import CGit2

/// Owns one `git_repository *` and frees it with `git_repository_free`.
///
/// Every other handle keeps its repository handle alive, so no object outlives its repository.
final class RepositoryHandle {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { git_repository_free(pointer) }

    /// Opens the repository at `path` or the nearest one above it (`git_repository_open_ext`).
    static func open(_ path: String) throws(GitError) -> RepositoryHandle {
        try LibGit2.initialise()
        try LibGit2.checkNoNUL(path, what: "repository path")
        return RepositoryHandle(try LibGit2.make("git_repository_open_ext") {
            git_repository_open_ext(&$0, path, 0, nil)
        })
    }

    /// Creates a repository, and any missing parent directories (`git_repository_init_ext`).
    static func initialize(_ path: String, bare: Bool, initialBranch: String) throws(GitError) -> RepositoryHandle {
        try LibGit2.initialise()
        try LibGit2.checkNoNUL(path, what: "repository path")
        try LibGit2.checkNoNUL(initialBranch, what: "branch name")
        var options = git_repository_init_options()
        try LibGit2.call("git_repository_init_options_init") {
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        }
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        let made = initialBranch.withCString { branch in
            options.initial_head = branch
            return Result { () throws(GitError) in
                try LibGit2.make("git_repository_init_ext") { git_repository_init_ext(&$0, path, &options) }
            }
        }
        return RepositoryHandle(try made.get())
    }

    // MARK: - Properties

    /// The git directory (`git_repository_path`), with a trailing `/`.
    func gitDirectory() throws(GitError) -> String {
        try LibGit2.string(git_repository_path(pointer), what: "repository path")
    }

    /// The work tree (`git_repository_workdir`), nil for a bare repository.
    func workTree() throws(GitError) -> String? {
        guard let path = git_repository_workdir(pointer) else { return nil }
        return try LibGit2.string(path, what: "work tree path")
    }

    /// Whether the repository has no work tree (`git_repository_is_bare`).
    var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    // MARK: - Lookups

    /// Parses a revision such as `main`, `v1^{}`, `HEAD~1` (`git_revparse_single`).
    func revparse(_ spec: String) throws(GitError) -> ObjectHandle {
        ObjectHandle(try LibGit2.make("git_revparse_single") { git_revparse_single(&$0, pointer, spec) }, in: self)
    }

    /// Looks up a commit by id (`git_commit_lookup`).
    func commit(_ id: ObjectID) throws(GitError) -> CommitHandle {
        var oid = id.oid
        return CommitHandle(try LibGit2.make("git_commit_lookup") { git_commit_lookup(&$0, pointer, &oid) }, in: self)
    }

    /// Looks up a tree by id (`git_tree_lookup`).
    func tree(_ id: ObjectID) throws(GitError) -> TreeHandle {
        var oid = id.oid
        return TreeHandle(try LibGit2.make("git_tree_lookup") { git_tree_lookup(&$0, pointer, &oid) }, in: self)
    }

    /// Looks up a blob by id (`git_blob_lookup`).
    func blob(_ id: ObjectID) throws(GitError) -> BlobHandle {
        var oid = id.oid
        return BlobHandle(try LibGit2.make("git_blob_lookup") { git_blob_lookup(&$0, pointer, &oid) }, in: self)
    }

    /// The object database (`git_repository_odb`).
    func objectDatabase() throws(GitError) -> ObjectDatabaseHandle {
        ObjectDatabaseHandle(try LibGit2.make("git_repository_odb") { git_repository_odb(&$0, pointer) }, in: self)
    }

    // MARK: - History

    /// Whether `commit` has `ancestor` in its history, excluding itself (`git_graph_descendant_of`).
    func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        var commitOID = commit.oid
        var ancestorOID = ancestor.oid
        return try LibGit2.call("git_graph_descendant_of") {
            git_graph_descendant_of(pointer, &commitOID, &ancestorOID)
        } == 1
    }
}
