/// A repository-relative path given to GitKit, checked and normalised.
///
/// Leading, trailing and doubled `/` are dropped; `.` and `..` components and NUL bytes are
/// rejected, so a path can never leave the tree it is resolved in.
struct TreePath: Hashable {
    /// The components, e.g. `["desired", "agentpods"]`; empty for the root.
    let components: [String]

    init(_ raw: String) throws(GitError) {
        try LibGit2.checkNoNUL(raw, what: "path '\(raw)'")
        let parts = raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for part in parts where part == "." || part == ".." {
            throw .invalidArgument("path '\(raw)' contains a '\(part)' component")
        }
        components = parts
    }

    /// Whether this is the root tree.
    var isRoot: Bool { components.isEmpty }

    /// The `/`-joined path, empty for the root.
    var text: String { components.joined(separator: "/") }
}
