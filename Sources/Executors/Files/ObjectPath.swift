/// An object's path relative to a node's folder, checked so that it can only name a file
/// inside that folder: no absolute path, no `..` or `.`, no empty or hidden component (hidden
/// names are agentplane's temporary files), no NUL.
struct ObjectPath: Equatable {
    /// The folders between the node's folder and the file.
    let folders: [String]
    /// The file's name.
    let name: String

    init(_ path: String) throws(ExecutorError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = components.last,
            !path.hasPrefix("/"), !path.contains("\u{0}"),
            components.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") })
        else {
            throw .io(path, "not a path inside the node's folder (absolute, empty, `..` or hidden component)")
        }
        self.folders = Array(components.dropLast())
        self.name = name
    }
}
