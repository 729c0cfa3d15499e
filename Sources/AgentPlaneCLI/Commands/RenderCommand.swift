import Foundation
import PlaneModel
import Reconciler
import Rendering

/// `agentplane render --node NODE [--out DIR] [--rev REF] [PATH]`.
struct RenderCommand: Command {
    let spec = CommandSpec(
        name: "render",
        abstract: "Render the Quadlet units or Kubernetes manifests of one node.",
        usage: "render --node NODE [--out DIR] [--rev REF] [PATH]",
        options: [
            OptionSpec("node", .value(name: "NODE"), help: "The node to render (required)."),
            OptionSpec("out", .value(name: "DIR"), help: "Write one file per object under DIR instead of printing."),
            OptionSpec("rev", .value(name: "REF"), help: "Read the documents from this git revision."),
        ],
        positionals: [
            PositionalSpec(name: "PATH", help: "Directory holding desired/ and fleet/ (default: .).", optional: true)
        ],
        discussion: """
            The pods rendered are the ones admission allows and placement puts on NODE. Output is
            byte-for-byte the same for the same inputs. Files under --out are written atomically and
            only when their bytes change.
            EXIT CODES: 0 rendered, 1 invalid state or a value that cannot be rendered, 64 usage.
            """
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let nodeName = arguments.value("node") else {
            throw UsageError(command: spec.name, message: "missing --node NODE")
        }
        let root = context.absolutePath(arguments.positionals.first ?? ".")
        let outcome = ValidationRun.perform(root: root, revision: arguments.value("rev"))
        guard !outcome.diagnostics.contains(where: { $0.severity == .error }) else {
            for diagnostic in outcome.diagnostics { context.console.err(diagnostic.formatted + "\n") }
            throw CommandFailure(message: "the desired state is invalid; nothing was rendered")
        }
        let result: NodeRendering.Result
        do {
            result = try NodeRendering.render(node: nodeName, documents: outcome.documents)
        } catch {
            throw CommandFailure(message: error.description)
        }
        if let out = arguments.value("out") {
            let directory = context.absolutePath(out)
            var written = 0
            for object in result.objects {
                if try FileWriting.writeIfChanged(object.bytes, to: directory + "/" + object.path) { written += 1 }
            }
            context.console.err(
                "rendered \(result.objects.count) objects for node \(nodeName) into \(directory) (\(written) written, "
                    + "\(result.objects.count - written) unchanged)\n")
        } else {
            for (index, object) in result.objects.enumerated() {
                if index > 0 { context.console.out("\n") }
                context.console.out("==> \(object.path) <==\n")
                context.console.out(String(decoding: object.bytes, as: UTF8.self))
            }
        }
        let denied = result.activations.filter { !$0.allowed }
        for decision in denied {
            context.console.err("note: pod \(decision.pod) is denied by policy: "
                + decision.denials.map(\.message).joined(separator: "; ") + "\n")
        }
        for decision in result.placements where decision.node == nil {
            context.console.err("note: pod \(decision.pod) fits no node of stage \(decision.stage)\n")
        }
        return .success
    }
}
