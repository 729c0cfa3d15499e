import Foundation

/// Runs an outside program for a test and collects its exit status and output. Output goes
/// through files, not pipes, so a chatty program cannot block on a full pipe.
struct ExternalCommand {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        /// Both streams, for failure messages.
        var transcript: String { "exit \(status)\n--- stdout\n\(stdoutText)\n--- stderr\n\(stderrText)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments`; `environment` entries are added to this process's
    /// environment. Kills the program after `timeout` seconds and reports that as a failure.
    ///
    /// Uses `posix_spawn` and `waitpid` rather than Foundation's `Process`: `Process` on Linux
    /// learns of an exit when a socket the child inherited closes, and podman's conmon (which
    /// outlives `podman kube play`) would keep that socket open forever. The child gets only
    /// stdin, stdout and stderr: every other descriptor is closed in it.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
        timeout: TimeInterval = 120
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentplane-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path
        let inPath = scratch.appendingPathComponent("stdin").path
        FileManager.default.createFile(atPath: inPath, contents: stdin ?? Data())

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // glibc ignores a close of a descriptor that is no longer open by then.
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in inherited.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR {
                throw Failure(description: "waitpid for \(executable) failed: \(String(cString: strerror(errno)))")
            }
            if !timedOut && Date() > deadline {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(10_000)
        }
        if timedOut {
            throw Failure(
                description: "\(executable) \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s")
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Result(
            status: exitStatus,
            stdout: FileManager.default.contents(atPath: outPath) ?? Data(),
            stderr: FileManager.default.contents(atPath: errPath) ?? Data())
    }

    /// The path of `name` in `$AGENTPLANE_TEST_VENV/bin` (when `inVenv`), else on `PATH`.
    static func find(_ name: String, inVenv: Bool = false) -> String? {
        let environment = ProcessInfo.processInfo.environment
        var directories: [String] = []
        if inVenv, let venv = environment["AGENTPLANE_TEST_VENV"], !venv.isEmpty {
            directories.append(venv + "/bin")
        }
        directories += (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        directories += ["/usr/sbin", "/sbin"]
        for directory in directories {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The Python with the test tools: `$AGENTPLANE_TEST_PYTHON`, `$AGENTPLANE_TEST_VENV/bin/python`,
    /// else `python3` on PATH.
    static func findPython() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["AGENTPLANE_TEST_PYTHON"], FileManager.default.isExecutableFile(atPath: python) {
            return python
        }
        if let venv = environment["AGENTPLANE_TEST_VENV"], !venv.isEmpty,
            FileManager.default.isExecutableFile(atPath: venv + "/bin/python")
        {
            return venv + "/bin/python"
        }
        return find("python3")
    }
}
