import PlaneModel

/// Walks a node's folder and observes every file agentplane owns in it.
///
/// Symlinks are never followed (below the root, which may itself be a link, as Quadlet allows
/// for its search paths); FIFOs, sockets and devices are skipped; hidden names and names that
/// are not UTF-8 are skipped.
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
        var walk = TreeWalk(root: root, maximumDepth: Self.maximumDepth, scanner: self, trustedBefore: nil)
        return try walk.run().objects
    }

    /// `scan()` and `FileSystem.fingerprint` of the same root in one walk: each owned file is
    /// opened once and its `fstat` is its fingerprint entry (see `TreeWalk`). The fingerprint is
    /// nil when an entry is too fresh or could not be stat'ed.
    func scanAndFingerprint(changedBefore: Int64? = nil) throws(ExecutorError) -> (objects: [ObservedObject], fingerprint: String?) {
        let trustedBefore = changedBefore ?? (FileSystem.nowNanoseconds() - FileSystem.racyWindowNanoseconds)
        var walk = TreeWalk(root: root, maximumDepth: Self.maximumDepth, scanner: self, trustedBefore: trustedBefore)
        let outcome = try walk.run()
        return (outcome.objects, outcome.fingerprint)
    }
}
