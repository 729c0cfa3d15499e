import Foundation
import GitKit
import Promotion
import Reconciler

/// `agentplane rollback --node N`: reconcile N to the revision its pointer names as previous.
struct RollbackCommand: Command {
    let spec = CommandSpec(
        name: "rollback",
        abstract: "Reconcile a node back to its previous revision, and record that it did.",
        usage: "rollback --node N [--repo PATH] [--ref BRANCH] [--state-dir DIR] [--author \"NAME <EMAIL>\"] [--output text|json]",
        options: [
            OptionSpec("node", .value(name: "N"), help: "The node to roll back (required)."),
            OptionSpec("repo", .value(name: "PATH"), help: "The desired-state git repository (default: .)."),
            OptionSpec("ref", .value(name: "BRANCH"), help: "The branch holding the node pointers (default: HEAD's)."),
            OptionSpec("author", .value(name: "\"NAME <EMAIL>\""), help: "Author of the promotion commit (default: git config)."),
            OptionSpec("lease-wait", .value(name: "DURATION"), help: "How long to wait for a node another reconciler holds."),
            StateDirectoryOption.spec, .output,
        ],
        discussion: """
            The previous revision comes from state/pointers/nodes/<N>.json on the branch; the run's
            evidence says it was a rollback. EXIT CODES: 0 rolled back, 1 failure or no previous revision, 64 usage.
            """
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let node = arguments.value("node") else { throw UsageError(command: spec.name, message: "missing --node N") }
        let format = try OutputFormat.parse(arguments.value("output"), command: spec.name)
        let repositoryPath = context.absolutePath(arguments.value("repo") ?? ".")
        let previous: NodePointer.Entry
        do {
            let repository = try Repository.open(at: repositoryPath)
            let tip = try repository.resolve(arguments.value("ref").map { "refs/heads/" + $0 } ?? "HEAD")
            let path = NodePointer.path(for: node)
            let file = try repository.files(under: ["state/pointers/nodes"], at: tip, maxBlobSize: 1 << 20).first { $0.path == path }
            guard let bytes = file?.bytes, let pointer = NodePointer.decode(bytes) else {
                throw CommandFailure(message: "node \(node) has no pointer at \(path); nothing to roll back to")
            }
            guard let entry = pointer.previous else {
                throw CommandFailure(message: "node \(node) has no previous revision (its first run was \(pointer.current.runID))")
            }
            previous = entry
        } catch let error as GitError {
            throw CommandFailure(message: error.description)
        }
        var request = ReconcileRequest(
            repositoryPath: repositoryPath, ref: arguments.value("ref"), nodes: [node],
            stateDirectory: StateDirectoryOption.resolve(arguments.value("state-dir"), context: context))
        request.pinnedRevision = previous.revision
        request.reason = "rollback of \(node) to \(previous.revision.prefix(12)) (run \(previous.runID))"
        context.console.err("rolling \(node) back to \(previous.revision.prefix(12)), the revision of run \(previous.runID)\n")
        let environment = ExecutorSettings.environment(stateDirectory: request.stateDirectory, context: context)
        return try ApplyRun(request: request, environment: environment, context: context).run(arguments, format: format)
    }
}
