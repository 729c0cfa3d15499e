import Formats
import Planning
import PlaneModel

/// The text form of a plan, for a reviewer: grouped by node, a marker per change, a unified diff
/// of each changed file, denied and unplaceable pods with every reason, and a summary line.
enum PlanText {
    static func render(_ plan: Plan, console: Console) -> String {
        var whole = ""
        write(plan, console: console) { whole += $0 }
        return whole
    }

    /// Hands the text to `sink` a batch of nodes at a time, so a plan of thousands of new files is
    /// never held as one string; the sections of a batch are written on every core.
    static func write(_ plan: Plan, console: Console, to sink: (String) -> Void) {
        var out = "Plan for revision \(short(plan.revision))"
        if let desired = plan.desiredTree, let fleet = plan.fleetTree {
            out += " (desired tree \(short(desired)), fleet tree \(short(fleet)))"
        }
        out += "\n"
        let batch = 128
        for start in stride(from: 0, to: plan.nodes.count, by: batch) {
            let nodes = Array(plan.nodes[start..<min(start + batch, plan.nodes.count)])
            for section in nodes.concurrentMap(minimumCount: 8, { nodeSection($0, console: console) }) {
                out += "\n"
                out += section  // appended in place: `"\n" + section` copied every section once more
            }
            sink(out)
            out = ""
        }
        if !plan.denied.isEmpty {
            out += "\n" + console.styled("Denied by policy:", .bold) + "\n"
            for decision in plan.denied {
                out += "  " + console.styled("✗", .red) + " pod \(decision.pod) (profile \(decision.profile), bundle \(decision.bundle))\n"
                for denial in decision.denials {
                    out += "      \(denial.pointer): \(denial.message) [\(denial.rule)]\n"
                }
            }
        }
        if !plan.unplaceable.isEmpty {
            out += "\n" + console.styled("Unplaceable:", .bold) + "\n"
            for decision in plan.unplaceable {
                out += "  " + console.styled("✗", .red) + " pod \(decision.pod) (stage \(decision.stage)): no node fits\n"
                if decision.losers.isEmpty {
                    out += "      stage \(decision.stage) has no nodes\n"
                }
                for loss in decision.losers {
                    out += "      \(LossText.nodes(loss)): \(loss.reason)\n"
                }
            }
        }
        if !plan.unreachable.isEmpty {
            out += "\n" + console.styled("Unreachable nodes (not planned):", .bold) + "\n"
            for node in plan.unreachable {
                out += "  " + console.styled("✗", .red) + " node \(node.node): \(node.message)\n"
            }
        }
        out += "\n" + summary(plan) + "\n"
        sink(out)
    }

    static func summary(_ plan: Plan) -> String {
        var text: String
        if plan.inSync {
            text = "in sync: no changes on \(plan.nodes.count) \(plural(plan.nodes.count, "node"))"
        } else {
            text = "\(plan.count(.create)) to create, \(plan.count(.update)) to update, \(plan.count(.delete)) to delete"
            text += " on \(plan.changedNodes) \(plural(plan.changedNodes, "node"))"
        }
        if !plan.denied.isEmpty {
            text += "; \(plan.denied.count) \(plural(plan.denied.count, "pod")) denied by policy"
        }
        if !plan.unplaceable.isEmpty {
            text += "; \(plan.unplaceable.count) \(plural(plan.unplaceable.count, "pod")) unplaceable"
        }
        if !plan.unreachable.isEmpty {
            text += "; \(plan.unreachable.count) \(plural(plan.unreachable.count, "node")) unreachable"
        }
        return text
    }

    private static func nodeSection(_ node: NodePlan, console: Console) -> String {
        let header = "node \(node.node) (stage \(node.stage), \(node.executor.rawValue)"
            + (node.revision.isEmpty ? "" : ", revision \(short(node.revision))") + ")"
        guard !node.changes.isEmpty else {
            return console.styled(header, .bold) + ": in sync, \(node.unchanged) \(plural(node.unchanged, "object")) unchanged\n"
        }
        var out = console.styled(header, .bold) + "\n"
        let width = node.changes.map(\.path.count).max() ?? 0
        for change in node.changes {
            let (marker, style): (String, Console.Style) =
                switch change.action {
                case .create: ("+ create", .green)
                case .update: ("~ update", .yellow)
                case .delete: ("- delete", .red)
                }
            var line = "  " + console.styled(marker, style) + "  " + change.path
                + String(repeating: " ", count: max(0, width - change.path.count))
            line += "  (\(change.reason))"
            if let pod = change.pod { line += " pod \(pod)" }
            out += line + "\n"
        }
        if node.unchanged > 0 {
            out += "    \(node.unchanged) \(plural(node.unchanged, "object")) unchanged\n"
        }
        for change in node.changes where change.action != .delete {
            let old = change.before.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let new = change.after.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let diff = UnifiedDiff.diff(
                old: old, new: new,
                oldName: change.action == .create ? "/dev/null" : "\(node.node)/\(change.path) (on node)",
                newName: "\(node.node)/\(change.path) (desired)")
            out += "\n" + colored(diff, console: console)
        }
        return out
    }

    private static func colored(_ diff: String, console: Console) -> String {
        guard console.colorEnabled else { return diff }
        return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let text = String(line)
            if text.hasPrefix("+++") || text.hasPrefix("---") { return console.styled(text, .bold) }
            if text.hasPrefix("+") { return console.styled(text, .green) }
            if text.hasPrefix("-") { return console.styled(text, .red) }
            if text.hasPrefix("@@") { return console.styled(text, .cyan) }
            return text
        }.joined(separator: "\n")
    }

    static func short(_ id: String) -> String { id.count > 12 ? String(id.prefix(12)) : id }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }
}
