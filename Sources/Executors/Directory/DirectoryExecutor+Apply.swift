import Planning
import PlaneModel

/// Apply for the directory executor: one change of a node's plan, on files agentplane owns.
///
/// - create / update: the new bytes are written atomically (see `ManagedFileStore`); a file
///   whose bytes are already the new ones is left untouched, so applying a change twice (after
///   a crash) does nothing the second time.
/// - delete: the file is unlinked durably and folders it leaves empty are removed; a file that
///   is already gone is a success.
///
/// A file at the target that agentplane does not own, a symlink, a folder, or a path that
/// leaves the node's folder is never touched: the change fails with `io` naming the path.
/// Settling has nothing to do: files in a folder run nothing.
extension DirectoryExecutor {
    public func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError) {
        _ = try Deadline.remainingSeconds(until: deadline, action: "\(change.action.rawValue) \(change.path)")
        switch change.action {
        case .create, .update:
            try files.write(try change.content(), to: change.path)
        case .delete:
            try files.remove(change.path)
        }
    }

    /// Nothing to reload or start for files in a folder.
    public func settle(_ changes: [Change], deadline: ContinuousClock.Instant) throws(ExecutorError) {}
}

extension Change {
    /// The bytes a create or update writes; `io` when the change carries none.
    func content() throws(ExecutorError) -> [UInt8] {
        guard let after else { throw .io(path, "the \(action.rawValue) carries no content") }
        return after
    }
}
