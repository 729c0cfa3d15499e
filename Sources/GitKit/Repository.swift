/// A git repository opened with libgit2: a work tree's `.git` or a bare repository.
///
/// Not `Sendable`: libgit2 objects must not be used from two threads at once. Open one
/// `Repository` per task; opening is cheap.
public final class Repository {
    let handle: RepositoryHandle

    /// The git directory, with a trailing `/` (`.../repo/.git/` or `.../repo.git/`).
    public let gitDirectory: String
    /// The work tree with a trailing `/`, nil for a bare repository.
    public let workTree: String?

    private init(_ handle: RepositoryHandle) throws(GitError) {
        self.handle = handle
        gitDirectory = try handle.gitDirectory()
        workTree = try handle.workTree()
    }

    /// Whether the repository has no work tree.
    public var isBare: Bool { workTree == nil }

    /// Opens the repository at `path`: a work tree, any directory inside one, or a bare repository.
    ///
    /// - Throws: ``GitError/notARepository(path:_:)`` when neither `path` nor a parent is one.
    public static func open(at path: String) throws(GitError) -> Repository {
        do {
            return try Repository(RepositoryHandle.open(path))
        } catch .library(let failure) where failure.isNotFound {
            throw .notARepository(path: path, failure)
        }
    }

    /// Creates an empty repository at `path` (and missing parent directories) and opens it.
    ///
    /// Re-initialising an existing repository is safe and keeps its content, as `git init` does.
    /// - Parameters:
    ///   - bare: no work tree; the repository's files go directly into `path`.
    ///   - initialBranch: the branch `HEAD` points at before the first commit.
    public static func initialize(
        at path: String, bare: Bool = false, initialBranch: String = "main"
    ) throws(GitError) -> Repository {
        try Repository(RepositoryHandle.initialize(path, bare: bare, initialBranch: initialBranch))
    }
}
