import Foundation

/// A throwaway OpenSSH server on 127.0.0.1 for git over ssh: its own host key, one authorized
/// client key, every file in the given temp directory. Stopped (SIGTERM to the pid it wrote)
/// when released.
///
/// sshd runs as a daemon: Foundation's `Process` watches a child through a descriptor the child
/// inherits, and `sshd -D` closes it at start, which makes `Process` wait on it forever.
///
/// Fails (never skips) when `sshd` is missing, telling to run `make test`.
final class SSHServer {
    let port: Int
    /// The user git connects as: whoever runs the tests.
    let user: String
    /// The client key sshd accepts.
    let clientKey: SSHKeys
    /// `[127.0.0.1]:PORT ssh-ed25519 AAAA…`, as `ssh-keyscan` prints it.
    let knownHostsLine: String
    /// The daemon's pid, from its PidFile.
    private let pid: pid_t

    init(in directory: URL) throws {
        let sshd = "/usr/sbin/sshd"
        guard FileManager.default.isExecutableFile(atPath: sshd) else {
            throw SandboxError.gitFailed(
                ["sshd"], "sshd is missing: the ssh transport tests need openssh-server; run `make test`")
        }
        let folder = directory.appendingPathComponent("sshd", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let hostKey = folder.appendingPathComponent("host_key").path
        try SSHKeys.run(["-q", "-t", "ed25519", "-N", "", "-f", hostKey])
        user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        clientKey = try SSHKeys(named: "client", in: folder, principal: user)
        let authorized = folder.appendingPathComponent("authorized_keys")
        try FileManager.default.copyItem(atPath: clientKey.privateKey + ".pub", toPath: authorized.path)
        if getuid() == 0 {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        }

        var lastError = ""
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let config = folder.appendingPathComponent("sshd_config")
            try Data(
                """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(hostKey)
                PidFile \(folder.appendingPathComponent("sshd.pid").path)
                AuthorizedKeysFile \(authorized.path)
                StrictModes no
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin prohibit-password
                AllowUsers \(user)
                LogLevel ERROR

                """.utf8
            ).write(to: config)
            let log = folder.appendingPathComponent("sshd.log")
            let pidFile = folder.appendingPathComponent("sshd.pid")
            try? FileManager.default.removeItem(at: pidFile)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: sshd)
            process.arguments = ["-f", config.path, "-E", log.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let line = process.terminationStatus == 0 ? Self.scan(port: port, until: Date().addingTimeInterval(10)) : nil
            let pid = (try? String(contentsOf: pidFile, encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let line, let pid {
                self.port = port
                self.pid = pid
                self.knownHostsLine = line
                return
            }
            if let pid { kill(pid, SIGTERM) }
            lastError = (try? String(contentsOf: log, encoding: .utf8)) ?? "sshd exited with \(process.terminationStatus)"
        }
        throw SandboxError.gitFailed(["sshd"], "sshd did not start: \(lastError)")
    }

    deinit { kill(pid, SIGTERM) }

    /// `ssh://USER@127.0.0.1:PORT/PATH`.
    func url(for path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

    /// Polls `ssh-keyscan` until sshd answers with its ed25519 key.
    private static func scan(port: Int, until deadline: Date) -> String? {
        while Date() < deadline {
            let scan = Process()
            scan.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keyscan")
            scan.arguments = ["-p", String(port), "-t", "ed25519", "127.0.0.1"]
            let output = Pipe()
            scan.standardOutput = output
            scan.standardError = FileHandle.nullDevice
            guard (try? scan.run()) != nil else { return nil }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            scan.waitUntilExit()
            let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
                .first { !$0.hasPrefix("#") }
            if let line { return String(line) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }
}
