import Formats
import Foundation
import Reconciler

/// `agentplane replay RUN [PATH]`: re-render from the ReplayArtifact's inputs and compare digests.
struct ReplayCommand: Command {
    let spec = CommandSpec(
        name: "replay",
        abstract: "Re-render a run from its recorded inputs and compare every digest.",
        usage: "replay RUN [--rev REF] [PATH]",
        options: [EvidenceSource.revisionOption],
        positionals: [
            PositionalSpec(name: "RUN", help: "The run id (a folder of evidence/).", optional: false),
            PositionalSpec(name: "PATH", help: "The repository (default: .).", optional: true),
        ],
        discussion: "Any object whose digest differs, or that is missing or extra, is named. EXIT CODES: 0 identical, 1 differs, 64 usage."
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let runID = arguments.positionals[0]
        let root = context.absolutePath(arguments.positionals.dropFirst().first ?? ".")
        let runs = try EvidenceSource.load(root: root, revision: arguments.value("rev"))
        guard let bytes = runs[runID]?["replay.json"] else {
            throw CommandFailure(message: "no evidence/\(runID)/replay.json")
        }
        guard let artifact = try? JSONReader.parse(bytes), let nodes = artifact["nodes"]?.arrayValue else {
            throw CommandFailure(message: "evidence/\(runID)/replay.json is not a ReplayArtifact")
        }
        var differences: [String] = []
        var compared = 0
        for entry in nodes {
            guard let node = entry["node"]?.stringValue, let revision = entry["revision"]?.stringValue else { continue }
            var recorded: [String: String] = [:]
            for object in entry["objects"]?.arrayValue ?? [] {
                if let path = object["path"]?.stringValue, let digest = object["sha256"]?.stringValue { recorded[path] = digest }
            }
            let outcome = ValidationRun.perform(root: root, revision: revision)
            guard !outcome.diagnostics.contains(where: { $0.severity == .error }) else {
                differences.append("\(node): revision \(revision.prefix(12)) no longer validates")
                continue
            }
            let result: NodeRendering.Result
            do {
                result = try NodeRendering.render(node: node, documents: outcome.documents)
            } catch {
                differences.append("\(node): \(error.description)")
                continue
            }
            let now = Dictionary(result.objects.map { ($0.path, $0.digest) }, uniquingKeysWith: { a, _ in a })
            for path in Set(recorded.keys).union(now.keys).sorted() {
                compared += 1
                switch (recorded[path], now[path]) {
                case let (a?, b?) where a != b:
                    differences.append("\(node)/\(path): digest \(b.prefix(12))…, recorded \(a.prefix(12))…")
                case (_?, nil): differences.append("\(node)/\(path): recorded, but no longer rendered")
                case (nil, _?): differences.append("\(node)/\(path): rendered now, but not recorded")
                default: break
                }
            }
        }
        for difference in differences { context.console.out(context.console.styled("✗ ", .red) + difference + "\n") }
        if differences.isEmpty {
            context.console.out(context.console.styled("replayed", .green) + " \(runID): \(compared) objects on \(nodes.count) \(nodes.count == 1 ? "node" : "nodes"), every digest identical\n")
            return .success
        }
        context.console.out("replay of \(runID) differs: \(differences.count) \(differences.count == 1 ? "object" : "objects")\n")
        return .failure
    }
}
