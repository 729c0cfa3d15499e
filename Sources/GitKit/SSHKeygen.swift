import Foundation

/// Runs `ssh-keygen` with files in a private temporary directory: input on stdin from a file,
/// output and errors into files, so no pipe can fill up and block.
struct SSHKeygen {
    /// The executable, e.g. `/usr/bin/ssh-keygen`.
    let executable: String

    /// What one run printed and how it ended.
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    /// A private temporary directory, removed after `body`.
    static func withScratch<T>(_ body: (URL) throws(GitError) -> T) throws(GitError) -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentplane-ssh-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .signingFailed("cannot create a temporary directory for ssh-keygen: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Writes `bytes` to `name` in `directory` and returns its URL.
    static func write(_ bytes: [UInt8], named name: String, in directory: URL) throws(GitError) -> URL {
        let url = directory.appendingPathComponent(name)
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw .signingFailed("cannot write \(url.path): \(error.localizedDescription)")
        }
        return url
    }

    /// Runs ssh-keygen with `arguments` and `input` on stdin, inside `directory`.
    func run(_ arguments: [String], input: [UInt8], in directory: URL) throws(GitError) -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw .signingFailed(
                "ssh-keygen not found at \(executable): install OpenSSH's client tools (Debian: openssh-client)")
        }
        let stdin = try Self.write(input, named: "stdin", in: directory)
        let stdout = directory.appendingPathComponent("stdout")
        let stderr = directory.appendingPathComponent("stderr")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        do {
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardInput = try FileHandle(forReadingFrom: stdin)
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
        } catch {
            throw .signingFailed("cannot run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let output = (try? Data(contentsOf: stdout)) ?? Data()
        let errors = (try? Data(contentsOf: stderr)) ?? Data()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
