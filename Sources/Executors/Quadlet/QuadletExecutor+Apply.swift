import Planning

/// Apply for the quadlet executor: unit files in the unit dir, services through systemctl.
///
/// - create / update: the unit is written like a directory node's file (`ManagedFileStore`:
///   atomic, left alone when it already holds the bytes, never over a file without our header).
/// - delete: the unit's service is stopped first (`systemctl [--user] stop <service>`; a
///   service systemd does not know, status 5, is already stopped), then the file is removed. A
///   unit already gone is a success, and nothing is stopped for it.
/// - settle: one `daemon-reload`, then one `start` of the services of created units and one
///   `restart` of the services of updated units, each in plan order, so systemd runs each
///   group as one transaction. systemctl waits for the jobs, so settle returns once systemd has
///   started them (or fails with systemctl's message).
///
/// Service names follow `QuadletServiceName` (`web.service`, `web-pod.service`, …). Every
/// systemctl call is the node's configured command and gets the time left before `deadline`.
extension QuadletExecutor {
    /// The unit dir as a store of owned files: units only, flat.
    var files: ManagedFileStore {
        ManagedFileStore(root: unitDirectory, formats: [.unit], allowsFolders: false)
    }

    /// systemctl's exit status for a unit it does not know ("Unit … not loaded").
    static let unitNotLoadedStatus: Int32 = 5

    public func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError) {
        let action = "\(change.action.rawValue) \(change.path)"
        _ = try Deadline.remainingSeconds(until: deadline, action: action)
        switch change.action {
        case .create, .update:
            try files.write(try change.content(), to: change.path)
        case .delete:
            try files.remove(change.path) { () throws(ExecutorError) in
                guard let service = QuadletServiceName.service(forFile: change.path) else { return }
                let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
                let command = try systemctlCommand(["stop", service], timeoutSeconds: timeout)
                let result = try command.run()
                guard result.succeeded || (result.signal == nil && result.status == Self.unitNotLoadedStatus) else {
                    throw .commandFailed(command.argv, status: result.status, signal: result.signal, stderr: result.stderrText)
                }
            }
        }
    }

    public func settle(_ changes: [Change], deadline: ContinuousClock.Instant) throws(ExecutorError) {
        guard !changes.isEmpty else { return }
        try runSystemctl(["daemon-reload"], deadline: deadline)
        let started = Self.services(of: changes, action: .create)
        let restarted = Self.services(of: changes, action: .update)
        if !started.isEmpty { try runSystemctl(["start"] + started, deadline: deadline) }
        if !restarted.isEmpty { try runSystemctl(["restart"] + restarted, deadline: deadline) }
    }

    /// The services of the units `changes` touch with `action`, in plan order, each once.
    static func services(of changes: [Change], action: Change.Action) -> [String] {
        var seen: Set<String> = []
        return changes.filter { $0.action == action }.compactMap { change in
            guard let service = QuadletServiceName.service(forFile: change.path), seen.insert(service).inserted else {
                return nil
            }
            return service
        }
    }

    /// `systemctl [--user] arguments…` with the time left before `deadline`, checked.
    private func runSystemctl(_ arguments: [String], deadline: ContinuousClock.Instant) throws(ExecutorError) {
        let action = "systemctl " + arguments.joined(separator: " ")
        let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
        _ = try systemctlCommand(arguments, timeoutSeconds: timeout).runChecked()
    }
}
