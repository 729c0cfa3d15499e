import CGit2

/// Owns one `git_remote *` and frees it with `git_remote_free`.
///
/// Every network call takes a ``RemoteSession`` whose callbacks answer credential requests and
/// collect push results; failures are classified by that session.
final class RemoteHandle {
    let pointer: OpaquePointer
    private let repository: RepositoryHandle
    /// Sessions whose callbacks libgit2 may still hold; released only after `git_remote_free`.
    private var sessions: [RemoteSession] = []

    init(_ pointer: OpaquePointer, in repository: RepositoryHandle) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_remote_free(pointer) }

    /// The remote's fetch URL (`git_remote_url`).
    func url() throws(GitError) -> String {
        try LibGit2.string(git_remote_url(pointer), what: "remote URL")
    }

    /// Connects for fetching or pushing (`git_remote_connect_ext`).
    func connect(_ direction: git_direction, session: RemoteSession) throws(GitError) {
        sessions.append(session)
        try session.withCallbacks { (callbacks) throws(GitError) in
            var options = git_remote_connect_options()
            try LibGit2.call("git_remote_connect_options_init") {
                git_remote_connect_options_init(&options, UInt32(GIT_REMOTE_CONNECT_OPTIONS_VERSION))
            }
            options.callbacks = callbacks
            do throws(GitError) {
                try LibGit2.call("git_remote_connect_ext") { git_remote_connect_ext(pointer, direction, &options) }
            } catch .library(let failure) {
                throw session.error(for: failure, connecting: true)
            }
        }
    }

    /// What the remote advertised for the reference `name` when connecting, nil when it has none
    /// (`git_remote_ls`); only after ``connect(_:session:)``.
    func advertisedTarget(_ name: String) throws(GitError) -> ObjectID? {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try LibGit2.call("git_remote_ls") { git_remote_ls(&heads, &count, pointer) }
        guard let heads else { return nil }
        for index in 0..<count {
            guard let head = heads[index], let raw = head.pointee.name else { continue }
            if LibGit2.bytes(raw) == Array(name.utf8) { return ObjectID(head.pointee.oid) }
        }
        return nil
    }

    /// The full name of the branch the remote's HEAD points at, nil when it has none
    /// (`git_remote_default_branch`); only after ``connect(_:session:)``.
    func defaultBranch() throws(GitError) -> String? {
        do throws(GitError) {
            return try LibGit2.bufferString("git_remote_default_branch", what: "remote default branch") {
                git_remote_default_branch(&$0, pointer)
            }
        } catch .library(let failure) where failure.isNotFound {
            return nil
        }
    }

    /// Downloads what `refspecs` name, updates the local refs, prunes vanished ones and takes
    /// every tag (`git_remote_fetch`, tags `GIT_REMOTE_DOWNLOAD_TAGS_ALL`, `GIT_FETCH_PRUNE`).
    func fetch(_ refspecs: [String], session: RemoteSession) throws(GitError) {
        sessions.append(session)
        try session.withCallbacks { (callbacks) throws(GitError) in
            var options = git_fetch_options()
            try LibGit2.call("git_fetch_options_init") {
                git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
            }
            options.callbacks = callbacks
            options.prune = GIT_FETCH_PRUNE
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
            options.update_fetchhead = 0
            try LibGit2.withStrarray(refspecs) { (array) throws(GitError) in
                do throws(GitError) {
                    try LibGit2.call("git_remote_fetch") { git_remote_fetch(pointer, &array, &options, "fetch") }
                } catch .library(let failure) {
                    throw session.error(for: failure, connecting: false)
                }
            }
        }
    }

    /// Pushes `refspecs` (`git_remote_push`); the remote's per-reference verdicts land in `session`.
    func push(_ refspecs: [String], session: RemoteSession) throws(GitError) {
        sessions.append(session)
        try session.withCallbacks { (callbacks) throws(GitError) in
            var options = git_push_options()
            try LibGit2.call("git_push_options_init") {
                git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
            }
            options.callbacks = callbacks
            try LibGit2.withStrarray(refspecs) { (array) throws(GitError) in
                try LibGit2.call("git_remote_push") { git_remote_push(pointer, &array, &options) }
            }
        }
    }
}
