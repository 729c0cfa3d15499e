import Foundation

/// A throwaway git repository built with the real git CLI in a fresh temp directory.
///
/// git runs with `HOME` set to a private directory and `GIT_CONFIG_NOSYSTEM=1`, so the machine's
/// configuration never leaks in; every commit has a fixed author, committer and date.
final class GitSandbox {
    /// The temp directory holding everything; removed when the sandbox goes away.
    let root: URL
    /// The repository: its work tree, or the repository itself when bare.
    let path: String

    /// Fixed date of every commit made through ``commit(_:)``: 2024-01-02 03:04:05 +0200.
    static let commitDate = "2024-01-02T03:04:05+02:00"
    static let commitTime: Int64 = 1_704_157_445

    init(bare: Bool = false) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gitkit-\(UUID().uuidString)", isDirectory: true)
        path = root.appendingPathComponent(bare ? "repo.git" : "repo").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Runs git in the repository (or `directory`) and returns its trimmed standard output.
    @discardableResult
    func git(_ arguments: [String], input: Data? = nil, in directory: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = try Self.gitExecutable()
        process.arguments = ["-c", "user.name=t", "-c", "user.email=t@e", "-c", "core.autocrlf=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? path)
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.appendingPathComponent("home").path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "LANG": "C",
            "GIT_AUTHOR_DATE": Self.commitDate,
            "GIT_COMMITTER_DATE": Self.commitDate,
        ]
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SandboxError.gitFailed(arguments, String(decoding: err, as: UTF8.self))
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Convenience for `git(["a", "b"])`.
    @discardableResult
    func git(_ arguments: String...) throws -> String { try git(arguments) }

    /// Writes a file in the work tree, creating its directories.
    func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to a file in the work tree, creating its directories.
    func write(_ relativePath: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Stages everything and commits; returns the new commit's id.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD")
    }

    /// The absolute path of a file inside the git directory (`.git/` or the bare repo).
    func gitFile(_ relativePath: String) throws -> String {
        let gitDir = try git("rev-parse", "--absolute-git-dir")
        return URL(fileURLWithPath: gitDir).appendingPathComponent(relativePath).path
    }

    /// Finds git on PATH, or fails with instructions.
    static func gitExecutable() throws -> URL {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("git")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw SandboxError.gitMissing
    }
}

/// Why a sandbox could not be built.
enum SandboxError: Error, CustomStringConvertible {
    case gitMissing
    case gitFailed([String], String)

    var description: String {
        switch self {
        case .gitMissing:
            return "the git CLI is not on PATH; these tests need it: run `make test` (its deps step installs git)"
        case .gitFailed(let arguments, let stderr):
            return "git \(arguments.joined(separator: " ")) failed: \(stderr)"
        }
    }
}
