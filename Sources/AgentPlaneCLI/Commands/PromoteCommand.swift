import Evidence
import Foundation
import GitKit
import Promotion

/// `agentplane promote list | show BRANCH | approve BRANCH | reject BRANCH --reason TEXT`.
struct PromoteCommand: Command {
    let spec = CommandSpec(
        name: "promote",
        abstract: "Review promotion branches: list, show, approve (verify and merge) or reject.",
        usage: "promote list | show BRANCH | approve BRANCH | reject BRANCH --reason TEXT [--repo PATH] [--state-dir DIR]",
        options: [
            OptionSpec("repo", .value(name: "URL|PATH"), help: "The desired-state repository: a path (default: .) or a URL."),
            OptionSpec("into", .value(name: "BRANCH"), help: "The target branch (default: HEAD's branch)."),
            OptionSpec("reason", .value(name: "TEXT"), help: "Why a branch is rejected (required for reject)."),
            OptionSpec("author", .value(name: "\"NAME <EMAIL>\""), help: "The reviewer, author of the merge (default: git config)."),
            OptionSpec("allowed-signers", .value(name: "FILE"), help: "With approve: require a promotion commit signed by a key in FILE."),
            OptionSpec("sign-key", .value(name: "KEY"), help: "With approve: sign the merge commit with this SSH key."),
            StateDirectoryOption.spec,
        ],
        positionals: [
            PositionalSpec(name: "ACTION", help: "list, show, approve or reject.", optional: false),
            PositionalSpec(name: "BRANCH", help: "A promotion branch (agentplane/promote/<run-id>, or just the run id).", optional: true),
        ],
        discussion: """
            approve verifies the branch's evidence (digests, chain, signature when required), refuses a
            branch that touches anything outside evidence/ and state/ or whose base is not an ancestor of
            the target, merges it with a merge commit by the reviewer and deletes the branch.
            EXIT CODES: 0 done, 1 refused or failed, 64 usage.
            """
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let action = arguments.positionals[0]
        let location = try RepositoryLocation.resolve(
            arguments.value("repo"), stateDirectory: StateDirectoryOption.resolve(arguments.value("state-dir"), context: context),
            context: context)
        let review = try PromotionReview.open(location, into: arguments.value("into"))
        switch action {
        case "list":
            return try review.list(context: context)
        case "show", "approve", "reject":
            guard arguments.positionals.count > 1 else {
                throw UsageError(command: spec.name, message: "\(action) needs a BRANCH")
            }
            let branch = PromotionReview.branchName(arguments.positionals[1])
            if action == "show" { return try review.show(branch, context: context) }
            if action == "reject" {
                guard let reason = arguments.value("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw UsageError(command: spec.name, message: "reject needs --reason TEXT")
                }
                return try review.reject(branch, reason: reason, stateDirectory: StateDirectoryOption.resolve(arguments.value("state-dir"), context: context), context: context)
            }
            return try review.approve(
                branch, reviewer: try AuthorOption.parse(arguments.value("author")),
                allowedSigners: arguments.value("allowed-signers").map(context.absolutePath),
                signKey: arguments.value("sign-key").map(context.absolutePath), context: context)
        default:
            throw UsageError(command: spec.name, message: "unknown action '\(action)'; expected list, show, approve or reject")
        }
    }
}
