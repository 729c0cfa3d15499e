import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs one program as a child process and measures it: wall time from spawn to reap, and the
/// peak resident set size from `wait4(2)`'s rusage (`ru_maxrss`, KiB on Linux).
///
/// The child's stdin, stdout and stderr are files (`/dev/null` by default), so a measured run
/// never waits on a pipe the benchmark forgot to drain.
struct ChildProcess {
    /// The program: an absolute path, or a name looked up on `PATH` (`posix_spawnp`).
    var program: String
    var arguments: [String]
    /// Read as the child's stdin.
    var stdinPath = "/dev/null"
    /// The child's stdout is written here (truncated first).
    var stdoutPath = "/dev/null"
    /// The child's stderr is written here (truncated first).
    var stderrPath = "/dev/null"
    /// Extra `NAME=value` entries added to this process's environment.
    var environment: [String: String] = [:]
    /// A child still running after this many seconds is killed (SIGKILL), so a hung tool
    /// cannot hang `make bench`; its run then reports status 128 + 9.
    var timeoutSeconds: Double = 600

    /// What one run cost.
    struct Run {
        var wallSeconds: Double
        var peakRSSKiB: Int
        /// User plus system CPU seconds of the child (its own threads; not its children).
        var cpuSeconds: Double
        /// Exit status, or 128 + signal number when a signal ended the child.
        var status: Int32
    }

    enum Failure: Error, CustomStringConvertible {
        case spawn(program: String, errno: Int32)
        case wait(program: String, errno: Int32)

        var description: String {
            switch self {
            case .spawn(let program, let code): "cannot start \(program): \(String(cString: strerror(code)))"
            case .wait(let program, let code): "cannot wait for \(program): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Spawns the child (`posix_spawnp`), waits for it (`wait4`) and returns its cost.
    func run() throws(Failure) -> Run {
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let env = mergedEnvironment().map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in env { free(pointer) }
        }
        let start = Clock.now()
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, program, &actions, nil, argv, env)
        guard code == 0 else { throw .spawn(program: program, errno: code) }
        let watchdog = Watchdog(pid: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { watchdog.fire() }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                watchdog.disarm()
                throw .wait(program: program, errno: errno)
            }
        }
        let wall = Clock.now() - start
        watchdog.disarm()
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        return Run(wallSeconds: wall, peakRSSKiB: Int(usage.ru_maxrss), cpuSeconds: cpu, status: exitStatus)
    }

    private func mergedEnvironment() -> [String] {
        ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}

/// Kills a child that outlives its timeout, unless the child was reaped first.
private final class Watchdog: @unchecked Sendable {
    private let pid: pid_t
    private let lock = NSLock()
    private var armed = true

    init(pid: pid_t) {
        self.pid = pid
    }

    func fire() {
        lock.lock()
        defer { lock.unlock() }
        if armed { kill(pid, SIGKILL) }
        armed = false
    }

    func disarm() {
        lock.lock()
        armed = false
        lock.unlock()
    }
}
