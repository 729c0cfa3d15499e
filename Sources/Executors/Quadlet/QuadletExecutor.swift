import PlaneModel

/// The `quadlet` executor: Podman Quadlet units in a systemd unit directory, driven with
/// `systemctl` (or `systemctl --user`) through the node's configured command.
///
/// Observe reads the unit dir (flat, symlinks not followed) for `.pod`, `.container`, `.volume`
/// and `.network` files that open with agentplane's header, then asks systemd for the state of
/// the services Quadlet generates from them in one `systemctl show` call. Files without the
/// header are never ours, and their services are never asked about.
///
/// A unit whose service systemd does not know (`LoadState=not-found`: written, but the
/// daemon-reload and start that follow never happened, as after a crash) is not in effect: its
/// actual digest is reported as `notInEffect`, so it plans as drift, and applying that update
/// (the same bytes: nothing is rewritten) reloads systemd and restarts the service.
public struct QuadletExecutor: Executor {
    public let node: Fleet.Node
    /// The unit directory, absolute (`~` expanded).
    public let unitDirectory: String
    /// The systemctl argv prefix, `--user` included for user scope.
    public let systemctl: [String]
    let environment: ExecutorEnvironment

    public init(node: Fleet.Node, unitDirectory: String, systemctl: [String], environment: ExecutorEnvironment) {
        self.node = node
        self.unitDirectory = unitDirectory
        self.systemctl = systemctl
        self.environment = environment
    }

    public func observe() throws(ExecutorError) -> NodeObservation {
        let scanner = ManagedTreeScanner(root: unitDirectory, recursive: false, formats: [.unit])
        var objects = try scanner.scan()
        let services = objects.compactMap { QuadletServiceName.service(forFile: $0.path) }
        if !services.isEmpty {
            let states = try serviceStates(services)
            for index in objects.indices {
                guard let service = QuadletServiceName.service(forFile: objects[index].path) else { continue }
                objects[index].state = states[service]?.state
                if states[service]?.loadState == "not-found" { objects[index].actualDigest = Self.notInEffect }
            }
        }
        return NodeObservation(node: node.name, objects: objects)
    }

    /// The actual digest of a unit systemd has not loaded: never a content digest.
    public static let notInEffect = "not-loaded"

    /// `systemctl [--user] show --property=… service…` for `services`.
    func serviceStates(_ services: [String]) throws(ExecutorError) -> [String: SystemctlShow.Unit] {
        let command = try systemctlCommand(["show", SystemctlShow.properties] + services)
        let result = try command.runChecked()
        return try SystemctlShow.parse(result.stdoutText, names: services, program: systemctl.first ?? "systemctl")
    }

    /// The node's systemctl command with `arguments` (the observe timeout unless one is given).
    func systemctlCommand(_ arguments: [String], timeoutSeconds: Double? = nil) throws(ExecutorError) -> Subprocess {
        guard let program = systemctl.first else {
            throw .launchFailed(systemctl, "the node's systemctl command is empty")
        }
        return try environment.subprocess(program, Array(systemctl.dropFirst()) + arguments, timeoutSeconds: timeoutSeconds)
    }

    /// The systemctl argv of a node: its configured command, plus `--user` for user scope unless
    /// the command has it already.
    public static func systemctlCommand(_ configured: [String], scope: Fleet.Scope) -> [String] {
        let command = configured.isEmpty ? ["systemctl"] : configured
        if scope == .user, !command.contains("--user") { return command + ["--user"] }
        return command
    }
}
