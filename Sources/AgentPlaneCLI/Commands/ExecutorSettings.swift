import Executors

/// How the CLI sets up executors: program paths from `AGENTPLANE_PODMAN`, `AGENTPLANE_KUBECTL`
/// and `AGENTPLANE_SYSTEMCTL` when set (else PATH), and the state directory for relative
/// directory-executor paths.
enum ExecutorSettings {
    static func environment(stateDirectory: String, context: CommandContext) -> ExecutorEnvironment {
        var environment = ExecutorEnvironment(stateDirectory: stateDirectory)
        for (program, variable) in [("podman", "AGENTPLANE_PODMAN"), ("kubectl", "AGENTPLANE_KUBECTL"), ("systemctl", "AGENTPLANE_SYSTEMCTL")] {
            if let path = context.environment[variable], !path.isEmpty {
                environment = environment.with(program: program, at: path)
            }
        }
        if let path = context.environment["PATH"] {
            environment.searchPath = path.split(separator: ":").map(String.init)
        }
        return environment
    }
}
