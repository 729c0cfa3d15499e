import PlaneModel

/// The `quadlet` executor: Podman Quadlet units in a systemd unit directory, driven with
/// `systemctl` (or `systemctl --user`) through the node's configured command.
///
/// Observe reads the unit dir (flat, symlinks not followed) for `.pod`, `.container`, `.volume`
/// and `.network` files that open with agentplane's header, then asks systemd for the state of
/// the services Quadlet generates from them in one `systemctl show` call. Files without the
/// header are never ours, and their services are never asked about.
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
            }
        }
        return NodeObservation(node: node.name, objects: objects)
    }

    /// `systemctl [--user] show --property=… service…` for `services`.
    func serviceStates(_ services: [String]) throws(ExecutorError) -> [String: SystemctlShow.Unit] {
        guard let program = systemctl.first else {
            throw .launchFailed(systemctl, "the node's systemctl command is empty")
        }
        let arguments = Array(systemctl.dropFirst()) + ["show", SystemctlShow.properties] + services
        let result = try environment.subprocess(program, arguments).runChecked()
        return try SystemctlShow.parse(result.stdoutText, names: services, program: program)
    }

    /// The systemctl argv of a node: its configured command, plus `--user` for user scope unless
    /// the command has it already.
    public static func systemctlCommand(_ configured: [String], scope: Fleet.Scope) -> [String] {
        let command = configured.isEmpty ? ["systemctl"] : configured
        if scope == .user, !command.contains("--user") { return command + ["--user"] }
        return command
    }
}
