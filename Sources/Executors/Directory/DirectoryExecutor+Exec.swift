/// Smoke checks on a directory node: the command runs on the control host, in the node's folder.
extension DirectoryExecutor {
    /// Runs `argv` in the node's folder with the environment of every executor program plus
    /// `AGENTPLANE_POD` (and `AGENTPLANE_CONTAINER` when a container is named), before
    /// `deadline`. A program named with a relative path (`./check.sh`) is found in the node's
    /// folder, a bare name on the search path. A non-zero exit is a result, not an error.
    public func exec(pod: String, container: String?, argv: [String], deadline: ContinuousClock.Instant)
        throws(ExecutorError) -> SubprocessResult
    {
        guard let program = argv.first, !program.isEmpty else {
            throw .launchFailed(argv, "the smoke check names no command")
        }
        let timeout = try Deadline.remainingSeconds(until: deadline, action: "exec \(program) for pod \(pod)")
        guard try FileSystem.kindFollowingLinks(of: folder) == .directory else {
            throw .io(folder, "the node's folder does not exist, so no check can run in it")
        }
        let relative = program.contains("/") && !program.hasPrefix("/")
        let path = try environment.locate(relative ? folder + "/" + program : program)
        var variables = environment.childEnvironment()
        variables["AGENTPLANE_POD"] = pod
        if let container { variables["AGENTPLANE_CONTAINER"] = container }
        let command = Subprocess(
            argv: [path] + argv.dropFirst(), environment: variables, timeoutSeconds: timeout,
            outputLimit: environment.outputLimit, workingDirectory: folder)
        return try command.run()
    }
}
