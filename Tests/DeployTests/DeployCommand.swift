import Foundation

/// Runs an outside program (systemd-analyze, kubectl, kubernetes-validate, python) for a deploy
/// test and collects its exit status and output. Output goes through files, not pipes, so a
/// chatty program cannot block on a full pipe.
struct DeployCommand {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both streams, for failure messages.
        var transcript: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// A needed program is missing or misbehaved; the message says what to do.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments`; kills it after `timeout` seconds and reports that.
    static func run(
        _ executable: String, _ arguments: [String], stdin: String = "", timeout: TimeInterval = 120
    ) throws -> Result {
        let scratch = try DeployPaths.temporaryFolder("cmd")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        let inURL = scratch.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(stdin.utf8))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        defer {
            try? out.close()
            try? err.close()
            try? input.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s")
        }
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: FileManager.default.contents(atPath: outURL.path) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errURL.path) ?? Data(), as: UTF8.self))
    }

    /// The path of `name` in `$AGENTPLANE_TEST_VENV/bin` (when `inVenv`), else on `PATH`, else
    /// in /usr/sbin or /sbin.
    static func find(_ name: String, inVenv: Bool = false) -> String? {
        let environment = ProcessInfo.processInfo.environment
        var directories: [String] = []
        if inVenv, let venv = environment["AGENTPLANE_TEST_VENV"], !venv.isEmpty {
            directories.append(venv + "/bin")
        }
        directories += (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        directories += ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        for directory in directories {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// `name`, or a failure that tells the user how to get it.
    static func require(_ name: String, inVenv: Bool = false, hint: String) throws -> String {
        guard let path = find(name, inVenv: inVenv) else {
            throw Failure(description: "\(name) not found (\(hint)): run `make test`")
        }
        return path
    }

    /// The Python with PyYAML: `$AGENTPLANE_TEST_PYTHON`, `$AGENTPLANE_TEST_VENV/bin/python`,
    /// else `python3` on PATH.
    static func pythonWithYAML() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let python = environment["AGENTPLANE_TEST_PYTHON"], !python.isEmpty { candidates.append(python) }
        if let venv = environment["AGENTPLANE_TEST_VENV"], !venv.isEmpty { candidates.append(venv + "/bin/python") }
        if let python = find("python3") { candidates.append(python) }
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "python3 not found: run `make test`")
        }
        let probe = try run(python, ["-c", "import yaml"])
        guard probe.status == 0 else {
            throw Failure(description: "PyYAML is not installed for \(python): run `make test`")
        }
        return python
    }
}
