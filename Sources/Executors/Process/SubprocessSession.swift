#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The running state of one `Subprocess`: the child, its three pipes and the poll loop that
/// feeds and drains them until the child has exited.
struct SubprocessSession {
    private let command: Subprocess
    private let pid: pid_t
    /// Parent ends; -1 once closed.
    private var input: Int32
    private var output: Int32
    private var errorOutput: Int32
    private var pendingInput: [UInt8]
    private var inputOffset = 0
    private var stdout: [UInt8] = []
    private var stderr: [UInt8] = []

    /// Why the runner stopped the child, if it did.
    private enum Stop {
        case timeout
        case tooMuchOutput(stream: String)
    }
    private var stop: Stop?
    private var killAt: ContinuousClock.Instant?
    private var killed = false

    /// Longest wait for a child's helpers to close inherited pipes after the child exited.
    private static let drainAfterExit: Duration = .milliseconds(500)
    /// Longest single poll while the child runs (it is checked for exit this often).
    private static let pollSlice: Int32 = 50
    private static let chunk = 64 * 1024

    /// Starts the child; throws `launchFailed` when it cannot start.
    init(_ command: Subprocess, path: String) throws(ExecutorError) {
        guard let inPipe = Syscalls.makePipe() else {
            throw .launchFailed(command.argv, "cannot create a pipe: \(Syscalls.describe(errno))")
        }
        guard let outPipe = Syscalls.makePipe() else {
            Syscalls.closeDescriptor(inPipe.read)
            Syscalls.closeDescriptor(inPipe.write)
            throw .launchFailed(command.argv, "cannot create a pipe: \(Syscalls.describe(errno))")
        }
        guard let errPipe = Syscalls.makePipe() else {
            for fd in [inPipe.read, inPipe.write, outPipe.read, outPipe.write] { Syscalls.closeDescriptor(fd) }
            throw .launchFailed(command.argv, "cannot create a pipe: \(Syscalls.describe(errno))")
        }
        let environment = command.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let spawned = Syscalls.spawn(
            path: path, argv: command.argv, environment: environment,
            stdio: (inPipe.read, outPipe.write, errPipe.write), workingDirectory: command.workingDirectory)
        // The child's ends belong to the child now (or to nobody, if it did not start).
        for fd in [inPipe.read, outPipe.write, errPipe.write] { Syscalls.closeDescriptor(fd) }
        switch spawned {
        case .failure(let error):
            for fd in [inPipe.write, outPipe.read, errPipe.read] { Syscalls.closeDescriptor(fd) }
            throw .launchFailed(command.argv, error.message)
        case .success(let pid):
            self.pid = pid
        }
        self.command = command
        input = inPipe.write
        output = outPipe.read
        errorOutput = errPipe.read
        pendingInput = command.stdin
        for fd in [input, output, errorOutput] { Syscalls.setNonBlocking(fd) }
        if pendingInput.isEmpty { closeInput() }
    }

    /// Feeds and drains the child until it has exited, stopping it on timeout or too much output,
    /// then reaps it. Never leaves a descriptor open or a zombie behind.
    mutating func runToEnd() throws(ExecutorError) -> SubprocessResult {
        let previousMask = Syscalls.blockBrokenPipe()
        let clock = ContinuousClock()
        let deadline = clock.now + Self.duration(seconds: command.timeoutSeconds)
        var exitedAt: ContinuousClock.Instant?
        var idleSleep: Int32 = 1
        var chunk = [UInt8](repeating: 0, count: Self.chunk)

        while true {
            let now = clock.now
            if exitedAt == nil, Syscalls.hasExited(pid) {
                exitedAt = now
                // The zombie still holds the group id: stragglers of a stopped run die with it.
                if stop != nil { Syscalls.signalGroup(pid, SIGKILL) }
            }
            if let exitedAt {
                if output < 0 && errorOutput < 0 { break }
                if now >= exitedAt + Self.drainAfterExit { break }
            } else {
                if stop == nil, now >= deadline { stopChild(.timeout, now: now) }
                if let killAt, !killed, now >= killAt {
                    Syscalls.signalGroup(pid, SIGKILL)
                    killed = true
                }
            }

            var fds: [pollfd] = []
            if output >= 0 { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if errorOutput >= 0 { fds.append(pollfd(fd: errorOutput, events: Int16(POLLIN), revents: 0)) }
            if input >= 0 { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            var wait = fds.isEmpty ? idleSleep : Self.pollSlice
            if fds.isEmpty { idleSleep = min(idleSleep * 2, 20) }
            if exitedAt == nil, stop == nil { wait = min(wait, Self.milliseconds(until: deadline, from: now)) }
            if let killAt, !killed { wait = min(wait, Self.milliseconds(until: killAt, from: now)) }
            Syscalls.poll(&fds, milliseconds: max(wait, 0))

            for entry in fds where entry.revents != 0 {
                if entry.fd == input {
                    feedInput()
                } else {
                    drain(entry.fd, chunk: &chunk, now: clock.now)
                }
            }
        }

        closeInput()
        Syscalls.closeDescriptor(output)
        Syscalls.closeDescriptor(errorOutput)
        output = -1
        errorOutput = -1
        let exit = Syscalls.reap(pid)
        Syscalls.restoreBrokenPipe(previousMask)

        switch stop {
        case .timeout:
            throw .timedOut(command.argv, seconds: command.timeoutSeconds)
        case .tooMuchOutput(let stream):
            throw .outputTooLarge(command.argv, stream: stream, limit: command.outputLimit)
        case nil:
            switch exit {
            case .exited(let status):
                return SubprocessResult(status: status, stdout: stdout, stderr: stderr)
            case .signaled(let signal):
                return SubprocessResult(status: 128 + signal, signal: signal, stdout: stdout, stderr: stderr)
            }
        }
    }

    // MARK: - Streams

    /// Reads everything `fd` has now into its buffer; closes it at end of file or over the limit.
    private mutating func drain(_ fd: Int32, chunk: inout [UInt8], now: ContinuousClock.Instant) {
        let isOutput = fd == output
        while true {
            let count = chunk.withUnsafeMutableBytes { Syscalls.readAvailable(fd, into: $0) }
            guard let count else { return }
            if count == 0 {
                closeOutput(isOutput)
                return
            }
            let current = isOutput ? stdout.count : stderr.count
            if current + count > command.outputLimit {
                closeOutput(isOutput)
                if stop == nil { stopChild(.tooMuchOutput(stream: isOutput ? "stdout" : "stderr"), now: now, force: true) }
                return
            }
            if isOutput {
                stdout.append(contentsOf: chunk[0..<count])
            } else {
                stderr.append(contentsOf: chunk[0..<count])
            }
        }
    }

    private mutating func closeOutput(_ isOutput: Bool) {
        if isOutput {
            Syscalls.closeDescriptor(output)
            output = -1
        } else {
            Syscalls.closeDescriptor(errorOutput)
            errorOutput = -1
        }
    }

    /// Writes as much pending stdin as the pipe takes; closes stdin when done or refused.
    private mutating func feedInput() {
        while inputOffset < pendingInput.count {
            let written = pendingInput.withUnsafeBytes { bytes in
                Syscalls.writeAvailable(input, UnsafeRawBufferPointer(rebasing: bytes[inputOffset...]))
            }
            guard let written else {
                // The child closed its stdin: what it did not read, it did not want.
                closeInput()
                return
            }
            if written == 0 { return }
            inputOffset += written
        }
        closeInput()
    }

    private mutating func closeInput() {
        Syscalls.closeDescriptor(input)
        input = -1
        pendingInput = []
    }

    // MARK: - Stopping

    /// SIGTERM to the child's group now and SIGKILL after the grace period (at once if `force`).
    private mutating func stopChild(_ reason: Stop, now: ContinuousClock.Instant, force: Bool = false) {
        stop = reason
        if force {
            Syscalls.signalGroup(pid, SIGKILL)
            killed = true
            return
        }
        Syscalls.signalGroup(pid, SIGTERM)
        killAt = now + Self.duration(seconds: command.terminationGrace)
    }

    /// `seconds` as a duration, clamped to 0…10⁹ s (NaN counts as 0), so no input can trap.
    static func duration(seconds: Double) -> Duration {
        guard seconds.isFinite || seconds == .infinity, seconds > 0 else { return .zero }
        return .milliseconds(Int64((min(seconds, 1e9) * 1_000).rounded(.up)))
    }

    private static func milliseconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32 {
        let remaining = now.duration(to: instant)
        let (seconds, attoseconds) = remaining.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let total = seconds * 1_000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: total)
    }
}
