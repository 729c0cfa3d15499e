import Evidence
import Foundation
import GitKit
import Reconciler

/// `agentplane evidence verify [--run ID] [--rev REF] [PATH]`.
struct EvidenceCommand: Command {
    let spec = CommandSpec(
        name: "evidence",
        abstract: "Verify run evidence: artifact digests and the manifest hash chain.",
        usage: "evidence verify [--run ID] [--rev REF] [PATH]",
        options: [
            OptionSpec("run", .value(name: "ID"), help: "Verify this run only (the chain around it is still checked)."),
            EvidenceSource.revisionOption,
            OptionSpec("allowed-signers", .value(name: "FILE"), help: "Also require every manifest to carry a signature (manifest.json.sig) by a key in FILE."),
        ],
        positionals: [
            PositionalSpec(name: "verify", help: "The action (verify).", optional: false),
            PositionalSpec(name: "PATH", help: "Repository root holding evidence/ (default: .).", optional: true),
        ],
        discussion: "Names every modified, missing or reordered artifact or run. EXIT CODES: 0 verified, 1 not, 64 usage."
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard arguments.positionals.first == "verify" else {
            throw UsageError(command: spec.name, message: "unknown action '\(arguments.positionals.first ?? "")'; expected verify")
        }
        let root = context.absolutePath(arguments.positionals.dropFirst().first ?? ".")
        let runs = try EvidenceSource.load(root: root, revision: arguments.value("rev"))
        guard !runs.isEmpty else {
            throw CommandFailure(message: "no evidence found under \(root)/evidence")
        }
        let only = arguments.value("run")
        var findings = EvidenceVerifier.verify(runs, only: only)
        if let allowed = arguments.value("allowed-signers").map(context.absolutePath) {
            for runID in runs.keys.sorted() where only == nil || only == runID {
                guard let manifest = runs[runID]?["manifest.json"] else { continue }
                guard let signature = runs[runID]?["manifest.json.sig"] else {
                    findings.append(.init(runID: runID, message: "manifest.json is not signed (no manifest.json.sig)"))
                    continue
                }
                do {
                    _ = try SSHSigner.verify(
                        signature: String(decoding: signature, as: UTF8.self), payload: manifest, allowedSigners: allowed,
                        namespace: EvidenceRecorder.manifestNamespace)
                } catch {
                    findings.append(.init(runID: runID, message: "manifest signature: \(error.description)"))
                }
            }
        }
        for finding in findings { context.console.out(context.console.styled("✗ ", .red) + finding.description + "\n") }
        if findings.isEmpty {
            let what = only.map { "run \($0)" } ?? "\(runs.count) \(runs.count == 1 ? "run" : "runs")"
            context.console.out(context.console.styled("verified", .green) + ": \(what); every artifact matches its manifest and the chain is intact\n")
            return .success
        }
        context.console.out("evidence does not verify: \(findings.count) \(findings.count == 1 ? "problem" : "problems")\n")
        return .failure
    }
}
