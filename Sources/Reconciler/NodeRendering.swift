import Admission
import Placement
import PlaneModel
import Planning
import Rendering

/// The objects one node should run, from validated documents: admit, place the node's stage,
/// render what landed on the node. `agentplane render` prints this; the planner diffs it.
public enum NodeRendering {
    public struct Result: Sendable {
        public var node: Fleet.Node
        public var objects: [RenderedObject]
        public var activations: [ActivationDecision]
        public var placements: [PlacementDecision]
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case noFleet
        case unknownNode(String, known: [String])
        case render([Diagnostic])

        public var description: String {
            switch self {
            case .noFleet: "the desired state has no fleet/inventory.json"
            case .unknownNode(let name, let known):
                "unknown node '\(name)'; the fleet has: \(known.joined(separator: ", "))"
            case .render(let diagnostics): diagnostics.map(\.formatted).joined(separator: "\n")
            }
        }
    }

    public static func render(node name: String, documents: DesiredDocuments) throws(Failure) -> Result {
        guard let fleet = documents.fleet else { throw .noFleet }
        guard let node = fleet.nodes.first(where: { $0.name == name }) else {
            throw .unknownNode(name, known: fleet.nodes.map(\.name).sorted())
        }
        let activations = Admitter(documents: documents).admit(documents.pods)
        let allowed = Set(activations.filter(\.allowed).map(\.pod))
        let placements = Placer(fleet: fleet).place(documents.pods.filter { allowed.contains($0.name) }, stage: node.stage)
        let renderer = StageRendering(documents: documents, fleet: fleet, only: [name])
        var objects: [RenderedObject] = []
        var diagnostics: [Diagnostic] = []
        for decision in placements {
            switch renderer.render(decision) {
            case .skipped:
                continue
            case .rendered(_, let rendered):
                objects += rendered.map(\.object)
            case .failed(_, let source, let error):
                diagnostics.append(Diagnostic(
                    file: source.path, line: source.line, column: source.column, code: "render", message: error.description))
            }
        }
        guard diagnostics.isEmpty else { throw .render(diagnostics) }
        return Result(node: node, objects: objects, activations: activations, placements: placements)
    }
}
