import Reconciler

/// The text form of what an apply did.
enum RunText {
    static func render(_ report: RunReport, console: Console) -> String {
        var out = ""
        for applied in report.applied {
            let marker = applied.change.action == .create ? "created" : applied.change.action == .update ? "updated" : "deleted"
            out += "  " + console.styled("✓", .green) + " \(applied.node): \(marker) \(applied.change.path)\n"
        }
        for failure in report.failures {
            out += "  " + console.styled("✗", .red) + " \(failure.node): \(failure.message)\n"
        }
        for smoke in report.smoke {
            let mark = smoke.passed ? console.styled("✓", .green) : console.styled("✗", .red)
            out += "  \(mark) smoke \(smoke.target.check.name) on \(smoke.target.node)"
                + (smoke.status.map { " (exit \($0))" } ?? "") + "\n"
            if !smoke.passed && !smoke.output.isEmpty {
                out += smoke.output.split(separator: "\n", omittingEmptySubsequences: false).map { "      \($0)" }.joined(separator: "\n") + "\n"
            }
        }
        let style: Console.Style = report.result == .succeeded ? .green : .red
        out += console.styled("run \(report.runID): \(report.result.rawValue)", style) + " (\(report.summary))\n"
        return out
    }
}
