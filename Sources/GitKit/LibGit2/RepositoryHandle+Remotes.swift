import CGit2

/// Raw calls for remotes and symbolic references.
extension RepositoryHandle {
    /// Looks up a configured remote by name (`git_remote_lookup`).
    func remote(named name: String) throws(GitError) -> RemoteHandle {
        try LibGit2.checkNoNUL(name, what: "remote name")
        do {
            return RemoteHandle(try LibGit2.make("git_remote_lookup") { git_remote_lookup(&$0, pointer, name) }, in: self)
        } catch .library(let failure) where failure.isNotFound || failure.code == GIT_EINVALIDSPEC.rawValue {
            throw .remoteNotFound(name, failure)
        }
    }

    /// Adds a remote with one fetch refspec to the repository's config (`git_remote_create_with_fetchspec`).
    func createRemote(named name: String, url: String, fetchspec: String) throws(GitError) -> RemoteHandle {
        try LibGit2.checkNoNUL(name, what: "remote name")
        try LibGit2.checkNoNUL(url, what: "remote URL")
        return RemoteHandle(
            try LibGit2.make("git_remote_create_with_fetchspec") {
                git_remote_create_with_fetchspec(&$0, pointer, name, url, fetchspec)
            }, in: self)
    }

    /// The full name a symbolic reference points at, nil when it does not exist or is not symbolic
    /// (`git_reference_lookup`, `git_reference_symbolic_target`).
    func symbolicTarget(_ name: String) throws(GitError) -> String? {
        let reference: ReferenceHandle
        do {
            reference = ReferenceHandle(try LibGit2.make("git_reference_lookup") { git_reference_lookup(&$0, pointer, name) })
        } catch .library(let failure) where failure.isNotFound {
            return nil
        }
        guard let target = git_reference_symbolic_target(reference.pointer) else { return nil }
        return try LibGit2.string(target, what: "target of \(name)")
    }

    /// Points the symbolic reference `name` at `target`, replacing it (`git_reference_symbolic_create`).
    func setSymbolicReference(_ name: String, to target: String, log: String) throws(GitError) {
        _ = ReferenceHandle(
            try LibGit2.make("git_reference_symbolic_create") {
                git_reference_symbolic_create(&$0, pointer, name, target, 1, log)
            })
    }

    /// Deletes a reference if it exists (`git_reference_remove`); false when there was none.
    @discardableResult
    func removeReference(_ name: String) throws(GitError) -> Bool {
        do {
            try LibGit2.call("git_reference_remove") { git_reference_remove(pointer, name) }
            return true
        } catch .library(let failure) where failure.isNotFound {
            return false
        }
    }
}
