import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs one program as a child process and measures it: wall time from spawn to reap, CPU time
/// and exit status from `wait4(2)`, and its own peak resident set size.
///
/// Peak RSS cannot come from our own `wait4`: Linux starts a spawned child's `ru_maxrss` at the
/// high-water mark of the address space it leaves at `exec`, which for `posix_spawn` (vfork)
/// and `fork` is this process's, so every child would look at least as big as the benchmark
/// itself. The child therefore runs under `busybox time` (a static binary of about 1 MB, from
/// busybox-static, which `make test-deps` installs): it vforks the real program from its own tiny
/// address space and writes that program's `ru_maxrss` to a file (see `RSSProbe`).
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
    /// A child still running after this many seconds is killed (SIGKILL, its whole process
    /// group), so a hung tool cannot hang `make bench`; its run then reports status 128 + 9.
    var timeoutSeconds: Double = 600

    /// What one run cost.
    struct Run {
        var wallSeconds: Double
        var peakRSSKiB: Int
        /// User plus system CPU seconds of the child and everything it waited for.
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

    /// Spawns the child (under the RSS probe when there is one), waits for it and returns its cost.
    func run() throws(Failure) -> Run {
        guard let probe = RSSProbe.shared else {
            return try spawnAndWait(program, arguments)
        }
        let report = probe.reportPath()
        var run = try spawnAndWait(probe.busybox, ["time", "-f", "%M", "-o", report, program] + arguments)
        run.peakRSSKiB = probe.read(report) ?? run.peakRSSKiB
        return run
    }

    /// `posix_spawnp` in a new process group, then `wait4`.
    func spawnAndWait(_ executable: String, _ argumentList: [String]) throws(Failure) -> Run {
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = ([executable] + argumentList).map { strdup($0) } + [nil]
        let env = mergedEnvironment().map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in env { free(pointer) }
        }
        let start = Clock.now()
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, executable, &actions, &attributes, argv, env)
        guard code == 0 else { throw .spawn(program: executable, errno: code) }
        let watchdog = Watchdog(group: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { watchdog.fire() }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                watchdog.disarm()
                throw .wait(program: executable, errno: errno)
            }
        }
        let wall = Clock.now() - start
        watchdog.disarm()
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        return Run(wallSeconds: wall, peakRSSKiB: Int(usage.ru_maxrss), cpuSeconds: cpu, status: exitStatus)
    }

    private func mergedEnvironment() -> [String] {
        ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}

/// Kills a child's process group when it outlives its timeout, unless it was reaped first.
private final class Watchdog: @unchecked Sendable {
    private let group: pid_t
    private let lock = NSLock()
    private var armed = true

    init(group: pid_t) {
        self.group = group
    }

    func fire() {
        lock.lock()
        defer { lock.unlock() }
        if armed { kill(-group, SIGKILL) }
        armed = false
    }

    func disarm() {
        lock.lock()
        armed = false
        lock.unlock()
    }
}
