import Planning
import PlaneModel

/// Apply for the directory executor: one change of a node's plan, on files agentplane owns.
///
/// - create / update: the new bytes are written atomically (temporary file beside the target,
///   `fsync`, `rename`, `fsync` of the folder); a file whose bytes are already the new ones is
///   left untouched, so applying a change twice (after a crash) does nothing the second time.
/// - delete: the file is unlinked durably and folders it leaves empty are removed; a file that
///   is already gone is a success.
///
/// A file at the target that agentplane does not own (no header, no managed-by label), a
/// symlink, a folder, or a path that leaves the node's folder is never touched: the change
/// fails with `io` naming the path. The new bytes must carry agentplane's mark themselves, so
/// a written file is always one the next observe recognises.
extension DirectoryExecutor {
    public func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError) {
        if ContinuousClock.now >= deadline {
            throw .deadlineExceeded("\(change.action.rawValue) \(change.path)")
        }
        let path = try ObjectPath(change.path)
        guard let format = ManagedFileReader.format(ofName: path.name) else {
            throw .io(change.path, "agentplane writes only Quadlet units and YAML manifests here")
        }
        let parent = ([folder] + path.folders).joined(separator: "/")
        let target = parent + "/" + path.name
        switch change.action {
        case .create, .update:
            guard let bytes = change.after else {
                throw .io(change.path, "the \(change.action.rawValue) carries no content")
            }
            guard Self.carriesMark(bytes, format: format) else {
                throw .io(change.path, "the new content does not carry agentplane's ownership mark; refusing to write it")
            }
            if let current = try ownedContent(at: target, relativePath: change.path, format: format), current == bytes {
                return
            }
            try FileSystem.makeFolders(root: folder, components: path.folders)
            try FileSystem.writeAtomically(bytes, folder: parent, name: path.name)
        case .delete:
            guard try ownedContent(at: target, relativePath: change.path, format: format) != nil else { return }
            try FileSystem.removeDurably(folder: parent, name: path.name)
            FileSystem.removeLeftovers(folder: parent, name: path.name)
            var emptied = path.folders
            while !emptied.isEmpty, FileSystem.removeIfEmpty(([folder] + emptied).joined(separator: "/")) {
                emptied.removeLast()
            }
        }
    }

    /// The bytes of the owned file at `target`, nil when nothing is there; throws when something
    /// agentplane does not own is there.
    private func ownedContent(at target: String, relativePath: String, format: ManagedFileReader.Format)
        throws(ExecutorError) -> [UInt8]?
    {
        switch try FileSystem.kind(of: target) {
        case .missing:
            return nil
        case .symlink:
            throw .io(target, "is a symlink; agentplane does not write through links")
        case .directory, .other:
            throw .io(target, "exists and is not a regular file; agentplane leaves it alone")
        case .file:
            guard let object = try ManagedFileReader.observe(path: target, relativePath: relativePath, format: format) else {
                throw .io(target, "exists and is not managed by agentplane; move it away to let agentplane write here")
            }
            // An oversized owned file has no content in memory; any bytes differ from it.
            return object.content ?? []
        }
    }

    /// True when `bytes` carry the mark `format` is recognised by.
    static func carriesMark(_ bytes: [UInt8], format: ManagedFileReader.Format) -> Bool {
        switch format {
        case .unit: UnitFileMarker.claimedDigest(head: Array(bytes.prefix(ManagedFileReader.headLimit))) != nil
        case .manifest:
            ManifestMarker.claimedDigest(
                head: Array(bytes.prefix(ManagedFileReader.headLimit)), complete: bytes.count < ManagedFileReader.headLimit)
                != nil
        }
    }
}
