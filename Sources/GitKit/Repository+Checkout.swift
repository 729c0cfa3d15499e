import CGit2

/// Bringing a work tree up to date after agentplane moved its checked-out branch.
extension Repository {
    /// The branch the work tree has checked out, nil for a bare repository or a detached HEAD
    /// (`git_repository_head`).
    public func checkedOutBranch() throws(GitError) -> String? {
        guard !isBare else { return nil }
        let detached = try LibGit2.call("git_repository_head_detached") { git_repository_head_detached(handle.pointer) }
        if detached == 1 { return nil }
        var raw: OpaquePointer?
        do {
            try LibGit2.call("git_repository_head") { git_repository_head(&raw, handle.pointer) }
        } catch .library(let failure) where failure.code == GIT_EUNBORNBRANCH.rawValue || failure.isNotFound {
            return nil
        }
        guard let raw else { return nil }
        defer { git_reference_free(raw) }
        guard let name = git_reference_shorthand(raw) else { return nil }
        return String(cString: name)
    }

    /// Updates the index and work tree from `previous` (what they held) to HEAD, touching only
    /// files that differ between the two and refusing to overwrite local modifications
    /// (`git_checkout_head`, GIT_CHECKOUT_SAFE with `previous`'s tree as the baseline).
    public func checkoutHead(from previous: ObjectID) throws(GitError) {
        let baseline = try GitError.reading(previous) { () throws(GitError) in try handle.commit(previous).tree() }
        var options = git_checkout_options()
        try LibGit2.call("git_checkout_options_init") {
            git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        }
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        options.baseline = baseline.pointer
        try withExtendedLifetime(baseline) { () throws(GitError) in
            try LibGit2.call("git_checkout_head") { git_checkout_head(handle.pointer, &options) }
        }
    }
}
