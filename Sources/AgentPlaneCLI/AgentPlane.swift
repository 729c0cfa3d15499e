import Foundation

/// The command-line entry point: dispatches to a subcommand and maps every outcome to an exit code.
public enum AgentPlane {
    public static let version = "0.1.0"

    /// Runs the process's command line and exits.
    public static func main() {
        let environment = ProcessInfo.processInfo.environment
        let console = Console.standard(environment: environment)
        let context = CommandContext(
            console: console,
            environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath
        )
        let code = run(Array(CommandLine.arguments.dropFirst()), context: context)
        exit(code.rawValue)
    }

    static let commands: [any Command] = [
        ValidateCommand(),
        RenderCommand(),
        ReconcileCommand(),
        StatusCommand(),
        HistoryCommand(),
        EvidenceCommand(),
        ReplayCommand(),
        RollbackCommand(),
        PromoteCommand(),
    ]

    /// Runs one command line in-process; `main` and the tests both come through here.
    static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        let console = context.console
        guard let first = arguments.first else {
            console.err(HelpText.tool(commands, version: version))
            return .usage
        }
        switch first {
        case "--help", "-h", "help":
            if first == "help", arguments.count > 1, let command = lookup(arguments[1]) {
                console.out(HelpText.command(command.spec))
            } else {
                console.out(HelpText.tool(commands, version: version))
            }
            return .success
        case "--version", "version":
            console.out("agentplane \(version)\n")
            return .success
        default:
            break
        }
        guard let command = lookup(first) else {
            var message = "unknown command '\(first)'"
            if let best = Suggestion.closest(to: first, in: commands.map(\.spec.name)) {
                message += "; did you mean '\(best)'?"
            }
            console.err("agentplane: error: \(message)\nRun 'agentplane --help' for the list of commands.\n")
            return .usage
        }
        do {
            let parsed = try ParsedArguments.parse(Array(arguments.dropFirst()), spec: command.spec)
            if parsed.flag("help") {
                console.out(HelpText.command(command.spec))
                return .success
            }
            return try command.run(parsed, context: context)
        } catch let error as UsageError {
            console.err("agentplane \(command.spec.name): error: \(error.message)\n")
            console.err("Usage: agentplane \(command.spec.usage)\nSee 'agentplane \(command.spec.name) --help'.\n")
            return .usage
        } catch let failure as CommandFailure {
            console.err("agentplane \(command.spec.name): error: \(failure.message)\n")
            return failure.exitCode
        } catch {
            console.err("agentplane \(command.spec.name): error: \(error)\n")
            return .failure
        }
    }

    private static func lookup(_ name: String) -> (any Command)? {
        commands.first { $0.spec.name == name }
    }
}
