import Foundation
import Formats
import StateStore

/// `agentplane history [--node N]`: past runs, newest first, with what each did.
struct HistoryCommand: Command {
    let spec = CommandSpec(
        name: "history",
        abstract: "List past reconcile runs, newest first.",
        usage: "history [--node N] [--limit N] [--state-dir DIR] [--output text|json]",
        options: [
            OptionSpec("node", .value(name: "N"), help: "Only runs that touched this node."),
            OptionSpec("limit", .value(name: "N"), help: "At most N runs (default 20)."),
            StateDirectoryOption.spec, .output,
        ],
        discussion: "A run whose process died mid-apply shows as interrupted. EXIT CODES: 0, 1 no usable state, 64 usage."
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat.parse(arguments.value("output"), command: spec.name)
        let limitText = arguments.value("limit") ?? "20"
        guard let limit = Int(limitText), limit > 0 else {
            throw UsageError(command: spec.name, message: "--limit takes a positive whole number, not '\(limitText)'")
        }
        let store = try StoreAccess.open(arguments, context: context)
        let runs: [RunRecord]
        var journals: [String: [JournalEntry]] = [:]
        do {
            _ = try store.markAbandonedRuns(host: ProcessInfo.processInfo.hostName)
            runs = try store.runs(node: arguments.value("node"), limit: limit)
            for run in runs { journals[run.id] = try store.journal(runID: run.id) }
        } catch {
            throw CommandFailure(message: error.description)
        }
        switch format {
        case .json:
            let value: JSONValue = .object([
                ("runs", .array(of: runs.map { r in
                    .object([
                        ("id", .string(r.id)), ("revision", .string(r.revision)),
                        ("nodes", .array(of: r.nodes.map(JSONValue.string))), ("result", .string(r.result.rawValue)),
                        ("startedAt", .string(Timestamps.iso8601(r.startedAt))),
                        ("finishedAt", r.finishedAt.map { .string(Timestamps.iso8601($0)) } ?? .null),
                        ("summary", .string(r.summary)),
                        ("actions", .array(of: (journals[r.id] ?? []).map { j in
                            .object([
                                ("node", .string(j.node)), ("sequence", .number(j.sequence)), ("action", .string(j.action)),
                                ("path", .string(j.path)), ("outcome", .string(j.outcome.rawValue)), ("detail", .string(j.detail)),
                                ("attempts", .number(j.attempts)),
                            ])
                        })),
                    ])
                }))
            ])
            context.console.out(JSONWriter(sortedKeys: true, pretty: true).string(value))
        case .text:
            guard !runs.isEmpty else {
                context.console.out("no runs recorded yet in \(store.path)\n")
                return .success
            }
            let rows = runs.map { r in
                [r.id, Timestamps.iso8601(r.startedAt), String(r.revision.prefix(12)), r.result.rawValue,
                 r.nodes.joined(separator: ","), r.summary]
            }
            context.console.out(TextTable.render(header: ["RUN", "STARTED", "REVISION", "RESULT", "NODES", "SUMMARY"], rows: rows))
        }
        return .success
    }
}
