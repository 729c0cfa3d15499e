import Foundation

/// Everything a command may use from its surroundings, injected so tests run commands in-process.
struct CommandContext: Sendable {
    var console: Console
    var environment: [String: String]
    /// The directory relative paths are resolved against.
    var currentDirectory: String

    func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = currentDirectory.hasSuffix("/") ? String(currentDirectory.dropLast()) : currentDirectory
        if path == "." { return base }
        return base + "/" + path
    }
}

/// One `agentplane` subcommand.
protocol Command: Sendable {
    var spec: CommandSpec { get }
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode
}

/// A failure a command reports with exit 1, after printing nothing else: `agentplane: error: …`.
struct CommandFailure: Error, Sendable {
    var message: String
    var exitCode: ExitCode = .failure
}
