/// Why an executor could not observe (or change) a node, and whether trying again may help.
///
/// Each failure names what a reader needs to act: the program and where it was looked for, the
/// exact argv that failed with its exit status and the start of its stderr, the path that could
/// not be read. `isRetryable` separates passing trouble (a timeout, a busy lock, a server that
/// refused the connection) from trouble that will not go away by waiting (a missing program,
/// output we cannot understand, a file we may not read), as Flux separates requeue from
/// `TerminalError`.
public struct ExecutorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// `name` is not an executable file in any folder of `searched`, or not at the path
        /// configured for it.
        case missingProgram(name: String, searched: [String], configured: String?)
        /// The program could not be started at all (`posix_spawn` failed).
        case launchFailed(argv: [String], message: String)
        /// The program ran and exited with a non-zero status (or was killed by `signal`).
        case commandFailed(argv: [String], status: Int32, signal: Int32?, stderr: String)
        /// The program ran longer than `seconds` and was killed with its process group.
        case timedOut(argv: [String], seconds: Double)
        /// The action's deadline (the bundle's `maxRunSeconds`) passed before it started.
        case deadlineExceeded(action: String)
        /// The program printed more than `limit` bytes on one stream and was killed.
        case outputTooLarge(argv: [String], stream: String, limit: Int)
        /// A file or folder of the node could not be read or written.
        case io(path: String, message: String)
        /// The program succeeded but printed something we cannot understand.
        case unexpectedOutput(program: String, message: String)
        /// After apply, `object` did not come up: it failed (terminal) or was still starting
        /// when the deadline passed (retryable); `detail` says which and shows why.
        case notRunning(object: String, detail: String)
    }

    public var reason: Reason
    /// True when the same call may succeed later: timeouts, lock contention, connection trouble.
    public var isRetryable: Bool

    public init(_ reason: Reason, isRetryable: Bool) {
        self.reason = reason
        self.isRetryable = isRetryable
    }

    // MARK: - Constructors with the default classification

    /// A program that is not installed (terminal).
    public static func missingProgram(_ name: String, searched: [String], configured: String? = nil) -> ExecutorError {
        ExecutorError(.missingProgram(name: name, searched: searched, configured: configured), isRetryable: false)
    }

    /// A program that could not be started (terminal).
    public static func launchFailed(_ argv: [String], _ message: String) -> ExecutorError {
        ExecutorError(.launchFailed(argv: argv, message: message), isRetryable: false)
    }

    /// A program that failed; retryable when its stderr says the trouble is passing
    /// (see `RetryableFailure`).
    public static func commandFailed(
        _ argv: [String], status: Int32, signal: Int32? = nil, stderr: String
    ) -> ExecutorError {
        let excerpt = Self.excerpt(stderr)
        return ExecutorError(
            .commandFailed(argv: argv, status: status, signal: signal, stderr: excerpt),
            isRetryable: RetryableFailure.isPassing(stderr: stderr))
    }

    /// A program that ran out of time (retryable).
    public static func timedOut(_ argv: [String], seconds: Double) -> ExecutorError {
        ExecutorError(.timedOut(argv: argv, seconds: seconds), isRetryable: true)
    }

    /// An action whose deadline passed before it started (retryable: a later run has a new one).
    public static func deadlineExceeded(_ action: String) -> ExecutorError {
        ExecutorError(.deadlineExceeded(action: action), isRetryable: true)
    }

    /// A program that printed too much (terminal: it will print as much next time).
    public static func outputTooLarge(_ argv: [String], stream: String, limit: Int) -> ExecutorError {
        ExecutorError(.outputTooLarge(argv: argv, stream: stream, limit: limit), isRetryable: false)
    }

    /// A file that could not be read or written (terminal).
    public static func io(_ path: String, _ message: String) -> ExecutorError {
        ExecutorError(.io(path: path, message: message), isRetryable: false)
    }

    /// Output we cannot understand (terminal).
    public static func unexpectedOutput(_ program: String, _ message: String) -> ExecutorError {
        ExecutorError(.unexpectedOutput(program: program, message: message), isRetryable: false)
    }

    /// An object that failed to start after apply (terminal: the same manifest fails again).
    public static func failedToStart(_ object: String, _ detail: String) -> ExecutorError {
        ExecutorError(.notRunning(object: object, detail: Self.excerpt(detail)), isRetryable: false)
    }

    /// An object still starting when the deadline passed (retryable: it may only be slow).
    public static func notRunningInTime(_ object: String, _ detail: String) -> ExecutorError {
        ExecutorError(.notRunning(object: object, detail: Self.excerpt(detail)), isRetryable: true)
    }

    // MARK: - Text

    /// The most stderr an error keeps: its last lines are usually the reason.
    static let excerptLimit = 2_000

    /// `text` trimmed, and cut to its last `excerptLimit` characters with a marker.
    static func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count > excerptLimit else { return trimmed }
        return "…" + String(trimmed.suffix(excerptLimit))
    }

    public var description: String {
        switch reason {
        case .missingProgram(let name, let searched, let configured):
            if let configured {
                return "\(name) not found at \(configured), the path configured for it; install \(name) there "
                    + "or configure the path of an executable \(name)"
            }
            let folders = searched.isEmpty ? "empty" : searched.joined(separator: ":")
            return "\(name) not found on PATH (\(folders)); install \(name) or configure its path"
        case .launchFailed(let argv, let message):
            return "cannot run \(Self.display(argv)): \(message)"
        case .commandFailed(let argv, let status, let signal, let stderr):
            let how = signal.map { "was killed by signal \($0)" } ?? "exited with status \(status)"
            let tail = stderr.isEmpty ? " (no output on stderr)" : ": \(stderr)"
            return "\(Self.display(argv)) \(how)\(tail)"
        case .timedOut(let argv, let seconds):
            return "\(Self.display(argv)) did not finish within \(Self.seconds(seconds)) and was killed"
        case .deadlineExceeded(let action):
            return "\(action): the deadline passed before it could start"
        case .outputTooLarge(let argv, let stream, let limit):
            return "\(Self.display(argv)) printed more than \(limit) bytes on \(stream) and was killed"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .unexpectedOutput(let program, let message):
            return "unexpected output from \(program): \(message)"
        case .notRunning(let object, let detail):
            return "\(object): \(detail)"
        }
    }

    /// An argv as a reader would type it: words with spaces or quotes are single-quoted.
    static func display(_ argv: [String]) -> String {
        argv.map { word in
            let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || "0123456789-_./=:,@+%".unicodeScalars.contains(scalar))
            }
            return plain ? word : "'" + word.replacingAll("'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
