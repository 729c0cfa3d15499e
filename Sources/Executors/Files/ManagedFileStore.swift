import PlaneModel

/// Writes and deletes the files agentplane owns under one root folder: a `directory` node's
/// folder or a Quadlet unit dir.
///
/// - A write replaces the file atomically (temporary file beside the target, `fsync`, `rename`,
///   `fsync` of the folder); a file that already holds the new bytes is left untouched, so
///   applying a change twice (after a crash) does nothing the second time.
/// - A delete unlinks the file durably and removes folders it leaves empty; a file that is
///   already gone is a success.
///
/// A file at the target that agentplane does not own (no header, no managed-by label), a
/// symlink, a folder, or a path that leaves the root is never touched: the call fails with `io`
/// naming the path. New bytes must carry agentplane's mark themselves, so a written file is
/// always one the next observe recognises.
struct ManagedFileStore {
    /// The root folder, absolute.
    var root: String
    /// The formats this root holds; other names are refused.
    var formats: Set<ManagedFileReader.Format>
    /// Whether objects may live in subfolders (a directory node) or only at the root (a unit dir).
    var allowsFolders: Bool

    /// Where an object's file is.
    struct Target {
        var path: ObjectPath
        var format: ManagedFileReader.Format
        /// The folder holding the file, absolute.
        var parent: String
        /// The file, absolute.
        var file: String
    }

    /// The checked location of the object at `relativePath`.
    func target(_ relativePath: String) throws(ExecutorError) -> Target {
        let path = try ObjectPath(relativePath)
        guard let format = ManagedFileReader.format(ofName: path.name), formats.contains(format) else {
            throw .io(relativePath, "agentplane writes only \(Self.describe(formats)) here")
        }
        guard allowsFolders || path.folders.isEmpty else {
            throw .io(relativePath, "agentplane writes units flat, directly in the unit dir")
        }
        let parent = ([root] + path.folders).joined(separator: "/")
        return Target(path: path, format: format, parent: parent, file: parent + "/" + path.name)
    }

    // MARK: - Writing and deleting

    /// Writes `bytes` to the object at `relativePath`; returns false when it already held them.
    @discardableResult
    func write(_ bytes: [UInt8], to relativePath: String) throws(ExecutorError) -> Bool {
        let target = try target(relativePath)
        guard Self.carriesMark(bytes, format: target.format) else {
            throw .io(relativePath, "the new content does not carry agentplane's ownership mark; refusing to write it")
        }
        if let current = try ownedContent(target, relativePath: relativePath), current == bytes {
            return false
        }
        try FileSystem.makeFolders(root: root, components: target.path.folders)
        try FileSystem.writeAtomically(bytes, folder: target.parent, name: target.path.name)
        return true
    }

    /// Deletes the object at `relativePath`, calling `beforeRemoving` first when it exists (a
    /// Quadlet unit's service is stopped there); returns false when it was already gone.
    @discardableResult
    func remove(
        _ relativePath: String, beforeRemoving: () throws(ExecutorError) -> Void = {}
    ) throws(ExecutorError) -> Bool {
        let target = try target(relativePath)
        guard try ownedContent(target, relativePath: relativePath) != nil else { return false }
        try beforeRemoving()
        try FileSystem.removeDurably(folder: target.parent, name: target.path.name)
        FileSystem.removeLeftovers(folder: target.parent, name: target.path.name)
        var emptied = target.path.folders
        while !emptied.isEmpty, FileSystem.removeIfEmpty(([root] + emptied).joined(separator: "/")) {
            emptied.removeLast()
        }
        return true
    }

    /// The bytes of the owned file at `target`, nil when nothing is there; throws when something
    /// agentplane does not own is there.
    func ownedContent(_ target: Target, relativePath: String) throws(ExecutorError) -> [UInt8]? {
        switch try FileSystem.kind(of: target.file) {
        case .missing:
            return nil
        case .symlink:
            throw .io(target.file, "is a symlink; agentplane does not write through links")
        case .directory, .other:
            throw .io(target.file, "exists and is not a regular file; agentplane leaves it alone")
        case .file:
            guard
                let object = try ManagedFileReader.observe(
                    path: target.file, relativePath: relativePath, format: target.format)
            else {
                throw .io(target.file, "exists and is not managed by agentplane; move it away to let agentplane write here")
            }
            // An oversized owned file has no content in memory; any bytes differ from it.
            return object.content ?? []
        }
    }

    // MARK: - Marks

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

    private static func describe(_ formats: Set<ManagedFileReader.Format>) -> String {
        switch (formats.contains(.unit), formats.contains(.manifest)) {
        case (true, true): "Quadlet units and YAML manifests"
        case (true, false): "Quadlet units (.pod, .container, .volume, .network)"
        default: "YAML manifests"
        }
    }
}
