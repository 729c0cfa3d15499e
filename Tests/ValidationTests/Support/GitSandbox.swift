import Foundation
import Testing

/// A throwaway git repository driven by the git CLI, isolated from the user's configuration
/// (`HOME` is a temporary directory, `GIT_CONFIG_NOSYSTEM=1`).
final class GitSandbox {
    let directory: TemporaryDirectory
    private let home: TemporaryDirectory
    var path: String { directory.path }

    init() throws {
        directory = try TemporaryDirectory()
        home = try TemporaryDirectory()
        try git("init", "-q", "-b", "main")
    }

    /// Runs `git ARGS` in the repository and returns its standard output, trimmed.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw GitSandboxFailure(message: "cannot run git (\(error)); install it: run `make test`, whose deps step installs git")
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: err, as: UTF8.self)
            if process.terminationStatus == 127 {
                throw GitSandboxFailure(message: "git not found; run `make test`, whose deps step installs git")
            }
            throw GitSandboxFailure(message: "git \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stages everything and commits; returns the new commit id.
    @discardableResult
    func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD")
    }
}

struct GitSandboxFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
