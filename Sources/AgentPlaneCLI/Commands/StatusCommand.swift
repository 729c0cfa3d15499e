import Foundation
import Formats
import StateStore

/// `agentplane status`: per node, the revision it runs, its last run, the result and drift.
struct StatusCommand: Command {
    let spec = CommandSpec(
        name: "status",
        abstract: "Show each node's revision, last run, result and drift.",
        usage: "status [--state-dir DIR] [--output text|json]",
        options: [StateDirectoryOption.spec, .output],
        discussion: "Reads the state database only; it contacts no node. EXIT CODES: 0, 1 no usable state, 64 usage."
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat.parse(arguments.value("output"), command: spec.name)
        let store = try StoreAccess.open(arguments, context: context)
        let statuses: [NodeStatus]
        do {
            statuses = try store.statuses()
        } catch {
            throw CommandFailure(message: error.description)
        }
        switch format {
        case .json:
            let value: JSONValue = .object([
                ("nodes", .array(of: statuses.map { s in
                    .object([
                        ("node", .string(s.node)), ("revision", .string(s.revision)), ("runId", .string(s.runID)),
                        ("result", .string(s.result.rawValue)), ("at", .string(Timestamps.iso8601(s.at))),
                        ("drifted", .number(s.drifted)), ("pending", .number(s.pending)),
                    ])
                }))
            ])
            context.console.out(JSONWriter(sortedKeys: true, pretty: true).string(value))
        case .text:
            guard !statuses.isEmpty else {
                context.console.out("no runs recorded yet in \(store.path)\n")
                return .success
            }
            let rows = statuses.map { s in
                [s.node, String(s.revision.prefix(12)), s.runID, s.result.rawValue, Timestamps.iso8601(s.at), "\(s.drifted)", "\(s.pending)"]
            }
            context.console.out(TextTable.render(header: ["NODE", "REVISION", "LAST RUN", "RESULT", "AT", "DRIFTED", "PENDING"], rows: rows))
        }
        return .success
    }
}

/// Opening the state store for read commands.
enum StoreAccess {
    static func open(_ arguments: ParsedArguments, context: CommandContext) throws -> StateStore {
        let directory = StateDirectoryOption.resolve(arguments.value("state-dir"), context: context)
        do {
            let store = try StateStore.open(directory: directory)
            if let aside = store.recoveredFrom {
                context.console.err("warning: the state database was damaged; moved to \(aside) and rebuilt empty\n")
            }
            return store
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}

/// Left-aligned columns separated by two spaces.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
