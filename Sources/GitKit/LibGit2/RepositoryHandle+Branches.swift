import CGit2

/// Raw calls for listing, creating and deleting branches.
extension RepositoryHandle {
    /// Points `name` at `target`, creating or replacing it (`git_reference_create`, force).
    func setReference(_ name: String, to target: ObjectID, log: String) throws(GitError) {
        var oid = target.oid
        _ = ReferenceHandle(
            try LibGit2.make("git_reference_create") {
                git_reference_create(&$0, pointer, name, &oid, 1, log)
            })
    }

    /// Every direct reference whose full name starts with one of `prefixes`, with its target,
    /// sorted by name (`git_reference_iterator_new`, `git_reference_next`); symbolic ones are skipped.
    func references(withPrefixes prefixes: [String]) throws(GitError) -> [(name: String, target: ObjectID)] {
        let iterator = ReferenceIteratorHandle(
            try LibGit2.make("git_reference_iterator_new") {
                git_reference_iterator_new(&$0, pointer)
            })
        var found: [(name: String, target: ObjectID)] = []
        while let reference = try iterator.next() {
            guard let target = ObjectID(git_reference_target(reference.pointer)) else { continue }
            let name = try LibGit2.string(git_reference_name(reference.pointer), what: "reference name")
            if prefixes.contains(where: { name.hasPrefix($0) }) { found.append((name, target)) }
        }
        return found.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}

/// Owns one `git_reference_iterator *` and frees it with `git_reference_iterator_free`.
final class ReferenceIteratorHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { git_reference_iterator_free(pointer) }

    /// The next reference, nil at the end (`git_reference_next`, `GIT_ITEROVER`).
    func next() throws(GitError) -> ReferenceHandle? {
        do {
            return ReferenceHandle(try LibGit2.make("git_reference_next") { git_reference_next(&$0, pointer) })
        } catch .library(let failure) where failure.code == GIT_ITEROVER.rawValue {
            return nil
        }
    }
}
