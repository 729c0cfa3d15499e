import Foundation
import PlaneModel

/// `agentplane validate [PATH] [--rev REF] [--output text|json]`.
struct ValidateCommand: Command {
    let spec = CommandSpec(
        name: "validate",
        abstract: "Validate the desired state: JSON, schemas and semantic rules.",
        usage: "validate [PATH] [--rev REF] [--output text|json]",
        options: [
            OptionSpec(
                "rev", .value(name: "REF"),
                help: "Read the documents from this git revision (branch, tag or commit) instead of the files on disk."),
            .output,
        ],
        positionals: [
            PositionalSpec(name: "PATH", help: "Directory holding desired/ and fleet/ (default: .).", optional: true)
        ],
        discussion: """
            Every error is reported, each as FILE:LINE:COLUMN: error: /json/pointer: message.
            EXIT CODES: 0 valid, 1 invalid or unreadable, 64 usage.
            """
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat.parse(arguments.value("output"), command: spec.name)
        let root = context.absolutePath(arguments.positionals.first ?? ".")
        let outcome = ValidationRun.perform(root: root, revision: arguments.value("rev"))
        switch format {
        case .text: context.console.out(ValidationOutput.text(outcome, console: context.console))
        case .json: context.console.out(ValidationOutput.json(outcome))
        }
        return outcome.diagnostics.contains { $0.severity == .error } ? .failure : .success
    }
}
