#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every raw POSIX call of the subprocess runner, in one small file to audit.
///
/// Calls retry on `EINTR`; failures come back as `errno` values for the caller to name.
enum Syscalls {
    // MARK: - Optional glibc functions

    #if os(Linux)
        private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        /// `pipe2(2)`, which Swift's Glibc module hides behind `_GNU_SOURCE`; looked up once.
        private static let pipe2Function: Pipe2? = dlsym(dlopen(nil, RTLD_NOW), "pipe2").map {
            unsafeBitCast($0, to: Pipe2.self)
        }
        /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+); looked up once.
        private static let addCloseFromFunction: AddCloseFrom? = dlsym(
            dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np"
        ).map { unsafeBitCast($0, to: AddCloseFrom.self) }
        private typealias AddChdir = @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
        /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+); looked up once.
        private static let addChdirFunction: AddChdir? = dlsym(
            dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np"
        ).map { unsafeBitCast($0, to: AddChdir.self) }
    #endif

    // MARK: - Pipes

    /// A pipe whose both ends are close-on-exec (atomically where `pipe2` exists), so a child
    /// spawned by another thread never inherits it.
    static func makePipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        #if os(Linux)
            if let pipe2 = pipe2Function {
                guard pipe2(&fds, O_CLOEXEC) == 0 else { return nil }
                return (fds[0], fds[1])
            }
        #endif
        guard pipe(&fds) == 0 else { return nil }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    /// Sets `O_NONBLOCK` on `fd`.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    static func closeDescriptor(_ fd: Int32) {
        if fd >= 0 { _ = close(fd) }
    }

    // MARK: - Spawning

    /// `posix_spawn(3)` of `path` with `argv` and `environment` (`NAME=value` strings), the
    /// child's stdin/stdout/stderr on `stdio`, every other descriptor closed, default signal
    /// dispositions and an empty signal mask, in a new process group led by the child, started in
    /// `workingDirectory` when given (`posix_spawn_file_actions_addchdir_np`).
    /// Returns the child's pid, or the `errno` of the failure.
    static func spawn(
        path: String, argv: [String], environment: [String], stdio: (Int32, Int32, Int32), workingDirectory: String? = nil
    ) -> Result<pid_t, Errno> {
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        guard posix_spawn_file_actions_init(&actions) == 0 else { return .failure(Errno(errno)) }
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawnattr_init(&attributes) == 0 else { return .failure(Errno(errno)) }
        defer { posix_spawnattr_destroy(&attributes) }

        for (source, target) in [(stdio.0, Int32(0)), (stdio.1, Int32(1)), (stdio.2, Int32(2))] {
            let code = posix_spawn_file_actions_adddup2(&actions, source, target)
            guard code == 0 else { return .failure(Errno(code)) }
        }
        if let workingDirectory {
            #if os(Linux)
                guard let addChdir = addChdirFunction else { return .failure(Errno(ENOSYS)) }
                let code = workingDirectory.withCString { addChdir(&actions, $0) }
            #else
                let code = posix_spawn_file_actions_addchdir_np(&actions, workingDirectory)
            #endif
            guard code == 0 else { return .failure(Errno(code)) }
        }
        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if os(Linux)
            if let addCloseFrom = addCloseFromFunction {
                let code = addCloseFrom(&actions, 3)
                guard code == 0 else { return .failure(Errno(code)) }
            }
        #else
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        var code = posix_spawnattr_setflags(&attributes, Int16(flags))
        guard code == 0 else { return .failure(Errno(code)) }
        code = posix_spawnattr_setpgroup(&attributes, 0)
        guard code == 0 else { return .failure(Errno(code)) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        code = posix_spawnattr_setsigmask(&attributes, &emptyMask)
        guard code == 0 else { return .failure(Errno(code)) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        code = posix_spawnattr_setsigdefault(&attributes, &defaults)
        guard code == 0 else { return .failure(Errno(code)) }

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        code = posix_spawn(&pid, path, &actions, &attributes, cArguments, cEnvironment)
        guard code == 0 else { return .failure(Errno(code)) }
        return .success(pid)
    }

    // MARK: - Waiting

    /// How a child ended.
    enum Exit: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// True once `pid` has exited, without reaping it: the zombie keeps its pid, and so its
    /// process group id, from being reused while the group is still signalled.
    static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        while true {
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if result == 0 {
                #if os(Linux)
                    return info._sifields._sigchld.si_pid == pid
                #else
                    return info.si_pid == pid
                #endif
            }
            if errno == EINTR { continue }
            // ECHILD: already reaped (never by us), treat as gone.
            return true
        }
    }

    /// Reaps `pid` (blocking) and decodes its wait status.
    static func reap(_ pid: pid_t) -> Exit {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        let low = status & 0x7f
        if low == 0 { return .exited((status >> 8) & 0xff) }
        return .signaled(low)
    }

    /// Sends `signal` to every process of the group led by `pid`.
    static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// Blocks the calling thread for `duration` (`nanosleep(2)`, resumed after signals).
    static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR {
            request = remaining
        }
    }

    // MARK: - I/O

    /// One `poll(2)` over `fds` for up to `milliseconds`; EINTR counts as a timeout.
    static func poll(_ fds: inout [pollfd], milliseconds: Int32) {
        guard !fds.isEmpty else {
            _ = usleep(UInt32(max(milliseconds, 0)) * 1_000)
            return
        }
        _ = fds.withUnsafeMutableBufferPointer { buffer in
            #if canImport(Glibc)
                Glibc.poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
            #else
                Darwin.poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
            #endif
        }
    }

    /// Reads what is available on a non-blocking `fd` into `buffer`: the byte count, 0 at end of
    /// file, nil when nothing is available now.
    static func readAvailable(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            return 0
        }
    }

    /// Writes as much of `bytes` as a non-blocking `fd` takes now: the count written, or nil when
    /// the reader is gone (EPIPE) or the write failed.
    static func writeAvailable(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int? {
        while true {
            let count = write(fd, bytes.baseAddress, bytes.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
            return nil
        }
    }

    // MARK: - SIGPIPE

    /// Blocks SIGPIPE on the calling thread (a write to a child that closed its stdin then fails
    /// with EPIPE instead of killing this process) and returns the previous mask.
    static func blockBrokenPipe() -> sigset_t {
        var block = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGPIPE)
        var previous = sigset_t()
        _ = pthread_sigmask(SIG_BLOCK, &block, &previous)
        return previous
    }

    /// Discards a SIGPIPE left pending by a failed write and restores `previous`.
    static func restoreBrokenPipe(_ previous: sigset_t) {
        var pending = sigset_t()
        sigemptyset(&pending)
        if sigpending(&pending) == 0, sigismember(&pending, SIGPIPE) == 1 {
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, SIGPIPE)
            #if os(Linux)
                var zero = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&only, nil, &zero)
            #else
                var received: Int32 = 0
                _ = sigwait(&only, &received)
            #endif
        }
        var restore = previous
        _ = pthread_sigmask(SIG_SETMASK, &restore, nil)
    }

    /// `strerror(code)`.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// An `errno` value.
struct Errno: Error, Hashable {
    var code: Int32
    init(_ code: Int32) { self.code = code }
    var message: String { Syscalls.describe(code) }
}
