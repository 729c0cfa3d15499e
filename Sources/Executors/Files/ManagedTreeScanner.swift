import PlaneModel

/// Walks a node's folder and observes every file agentplane owns in it.
///
/// Symlinks are never followed (below the root, which may itself be a link, as Quadlet allows
/// for its search paths); FIFOs, sockets and devices are skipped; hidden names are skipped.
/// A folder that does not exist holds nothing yet. Paths are reported relative to the root with
/// `/` separators, as the renderers name objects.
struct ManagedTreeScanner {
    var root: String
    /// Walk subfolders (the directory executor) or only the root (a Quadlet unit dir, where
    /// agentplane writes flat).
    var recursive: Bool
    /// Which formats count; names of other formats are never read.
    var formats: Set<ManagedFileReader.Format>
    /// Leave out the actual digest of files kept whole (see `ObservedDigests.settle`).
    var deferDigests = false
    /// Folders deeper than this are not entered (a guard against pathological trees).
    static let maximumDepth = 16

    func scan() throws(ExecutorError) -> [ObservedObject] {
        switch try FileSystem.kindFollowingLinks(of: root) {
        case .missing:
            return []
        case .directory:
            break
        default:
            throw .io(root, "not a directory")
        }
        var objects: [ObservedObject] = []
        var pending: [(path: String, relative: String, depth: Int)] = [(root, "", 0)]
        while let folder = pending.popLast() {
            // The kind readdir reports saves an lstat per file; a file that stops being regular
            // before it is opened is still caught (it is opened without following links and
            // checked with fstat).
            for (name, listed) in try FileSystem.entries(in: folder.path) where !name.hasPrefix(".") {
                let path = folder.path.hasSuffix("/") ? folder.path + name : folder.path + "/" + name
                let relative = folder.relative.isEmpty ? name : folder.relative + "/" + name
                let kind: FileSystem.EntryKind
                if let listed { kind = listed } else { kind = try FileSystem.kind(of: path) }
                switch kind {
                case .directory:
                    if recursive, folder.depth < Self.maximumDepth { pending.append((path, relative, folder.depth + 1)) }
                case .file:
                    guard let format = ManagedFileReader.format(ofName: name), formats.contains(format) else { continue }
                    if let object = try ManagedFileReader.observe(
                        path: path, relativePath: relative, format: format, deferDigest: deferDigests) {
                        objects.append(object)
                    }
                case .symlink, .other, .missing:
                    continue
                }
            }
        }
        return objects
    }
}
