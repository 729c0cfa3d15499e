import PlaneModel
import Planning

/// `evidence/<run-id>/SUMMARY.md`: what a reviewer reads on the git host before approving.
enum Summary {
    static func markdown(_ input: RunEvidenceInput, manifestDigest: String) -> String {
        let plan = input.plan
        var md = "# agentplane run \(input.runID)\n\n"
        md += "| | |\n| --- | --- |\n"
        md += "| result | **\(input.result)** |\n"
        if let reason = input.reason { md += "| reason | \(reason) |\n" }
        md += "| revision | `\(input.revision)` |\n"
        if let tree = input.desiredTree { md += "| desired tree | `\(tree)` |\n" }
        md += "| agentplane | \(input.agentplaneVersion) |\n"
        md += "| manifest | `\(manifestDigest)` |\n"
        md += "| previous manifest | " + (input.previousManifestDigest.map { "`\($0)`" } ?? "none (first run)") + " |\n\n"

        md += "## What changed\n\n"
        let byNode = Dictionary(grouping: input.applied, by: \.node)
        if input.applied.isEmpty {
            md += "Nothing was applied.\n\n"
        }
        for node in byNode.keys.sorted() {
            let stage = plan.nodes.first { $0.node == node }?.stage ?? "?"
            md += "### Node `\(node)` (stage \(stage))\n\n| action | object | pod | reason |\n| --- | --- | --- | --- |\n"
            for action in byNode[node] ?? [] {
                let marker = action.action == "create" ? "+ create" : action.action == "update" ? "~ update" : "- delete"
                md += "| \(marker) | `\(action.path)` | \(action.pod ?? "") | \(action.reason) |\n"
            }
            md += "\n"
        }
        if !input.failures.isEmpty {
            md += "## Failures\n\n"
            for failure in input.failures { md += "- node `\(failure.node)`: \(escape(failure.message))\n" }
            md += "\n"
        }
        let denied = input.activations.filter { !$0.allowed }
        md += "## Denied by policy\n\n"
        if denied.isEmpty { md += "No pod was denied.\n\n" }
        for decision in denied {
            md += "- pod `\(decision.pod)` (profile `\(decision.profile)`, bundle `\(decision.bundle)`)\n"
            for denial in decision.denials { md += "  - `\(denial.pointer)`: \(escape(denial.message)) (\(denial.rule))\n" }
        }
        if !denied.isEmpty { md += "\n" }
        md += "## Placement\n\n| pod | stage | node | why the others lost |\n| --- | --- | --- | --- |\n"
        for decision in input.placements {
            let losers = decision.losers.map { "\(LossText.nodes($0)): \($0.reason)" }
            md += "| `\(decision.pod)` | \(decision.stage) | \(decision.node.map { "`\($0)`" } ?? "**unplaceable**") | \(escape(losers.joined(separator: "<br>"))) |\n"
        }
        md += "\n## Smoke checks\n\n"
        if input.smoke.isEmpty { md += "No smoke check ran.\n\n" }
        for check in input.smoke {
            md += "- \(check.passed ? "✅" : "❌") `\(check.name)` on `\(check.node)` (pod `\(check.pod)`)"
            md += check.status.map { ", exit \($0)" } ?? ""
            md += "\n"
        }
        if !input.smoke.isEmpty { md += "\n" }
        md += "## Artifacts\n\n"
        for name in EvidenceBuilder.artifactNames + ["manifest.json"] { md += "- [\(name)](\(name))\n" }
        md += "\nVerify with `agentplane evidence verify --run \(input.runID)`.\n"
        return md
    }

    /// Keeps table cells on one line and pipes from breaking the table.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
