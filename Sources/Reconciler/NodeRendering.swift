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
        let bundles = Dictionary(documents.bundles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let profiles = Dictionary(documents.profiles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let pods = Dictionary(documents.pods.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var objects: [RenderedObject] = []
        var diagnostics: [Diagnostic] = []
        for decision in placements where decision.node == name {
            guard let pod = pods[decision.pod], let bundle = bundles[pod.spec.bundle],
                let profile = profiles[pod.spec.profile]
            else { continue }
            do {
                objects += try RenderSelection.render(PodPlacement(pod: pod, bundle: bundle, profile: profile, node: node))
            } catch {
                diagnostics.append(Diagnostic(
                    file: pod.source.path, line: pod.source.line, column: pod.source.column, code: "render",
                    message: error.description))
            }
        }
        guard diagnostics.isEmpty else { throw .render(diagnostics) }
        return Result(node: node, objects: objects, activations: activations, placements: placements)
    }
}
