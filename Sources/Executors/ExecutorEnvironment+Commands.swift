/// Building the subprocesses executors run.
extension ExecutorEnvironment {
    /// `program arguments…` with the child environment, the output limit and the observe
    /// timeout (unless `timeoutSeconds` is given); `program` is located first (`locate(_:)`).
    func subprocess(
        _ program: String, _ arguments: [String], stdin: [UInt8] = [], timeoutSeconds: Double? = nil
    ) throws(ExecutorError) -> Subprocess {
        let path = try locate(program)
        return Subprocess(
            argv: [path] + arguments, environment: childEnvironment(), stdin: stdin,
            timeoutSeconds: timeoutSeconds ?? observeTimeoutSeconds, outputLimit: outputLimit)
    }
}
