/// One run of an outside program: argv (never a shell string), environment, stdin bytes, a
/// timeout and a cap on what it may print.
///
/// The child runs in its own process group. When the timeout passes, the group gets SIGTERM,
/// then SIGKILL after `terminationGrace` seconds, so helpers the child started die with it.
/// stdout and stderr are read concurrently with feeding stdin (one `poll` loop), so a child that
/// prints a lot before reading its input cannot deadlock the runner. A stream that grows past
/// `outputLimit` stops the child: memory stays bounded whatever the child prints.
///
/// Every descriptor but the three standard ones is closed in the child, SIGPIPE and other
/// signals have their default dispositions there and its signal mask is empty. The child starts
/// in `workingDirectory` when one is given (this process's own is never changed).
public struct Subprocess: Sendable {
    /// The program's absolute path first, then its arguments.
    public var argv: [String]
    /// The complete environment of the child.
    public var environment: [String: String]
    /// Bytes written to the child's stdin, which is then closed.
    public var stdin: [UInt8]
    /// Seconds the child may run before its process group is stopped.
    public var timeoutSeconds: Double
    /// The most bytes kept from stdout, and separately from stderr.
    public var outputLimit: Int
    /// Seconds between SIGTERM and SIGKILL when the timeout passes.
    public var terminationGrace: Double
    /// The folder the child starts in; nil for this process's current folder.
    public var workingDirectory: String?

    public init(
        argv: [String], environment: [String: String] = [:], stdin: [UInt8] = [], timeoutSeconds: Double = 120,
        outputLimit: Int = ExecutorEnvironment.defaultOutputLimit, terminationGrace: Double = 2,
        workingDirectory: String? = nil
    ) {
        self.argv = argv
        self.environment = environment
        self.stdin = stdin
        self.timeoutSeconds = timeoutSeconds
        self.outputLimit = outputLimit
        self.terminationGrace = terminationGrace
        self.workingDirectory = workingDirectory
    }

    /// Runs the program to its end and returns its status and output, whatever the status.
    /// Throws only when it could not start, ran out of time or printed too much.
    public func run() throws(ExecutorError) -> SubprocessResult {
        guard let path = argv.first else {
            throw .launchFailed(argv, "empty argv")
        }
        var session = try SubprocessSession(self, path: path)
        return try session.runToEnd()
    }

    /// Runs the program and returns its output when it exits 0; otherwise throws
    /// `commandFailed` with the exit status and the end of its stderr.
    public func runChecked() throws(ExecutorError) -> SubprocessResult {
        let result = try run()
        guard result.succeeded else {
            throw .commandFailed(argv, status: result.status, signal: result.signal, stderr: result.stderrText)
        }
        return result
    }
}

/// How a finished program ended and what it printed.
public struct SubprocessResult: Hashable, Sendable {
    /// The exit status (meaningless when `signal` is set).
    public var status: Int32
    /// The signal that killed the program, if one did.
    public var signal: Int32?
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public init(status: Int32, signal: Int32? = nil, stdout: [UInt8], stderr: [UInt8]) {
        self.status = status
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
    }

    /// True when the program exited with status 0.
    public var succeeded: Bool { signal == nil && status == 0 }

    /// stdout decoded as UTF-8 (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// stderr decoded as UTF-8 (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}
