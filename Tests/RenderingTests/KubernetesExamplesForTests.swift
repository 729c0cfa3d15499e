import DesiredState
import Foundation
import PlaneModel
import Rendering
import Validation

/// The repository's own example desired state (`desired/`, `fleet/`), placed the simplest
/// correct way for rendering: every example pod on every podman and kubernetes node of the
/// example fleet.
enum KubernetesExamples {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root, found from this file (wherever a link to it is compiled from).
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The validated example documents; throws with every error diagnostic when they are invalid.
    static func documents() throws -> DesiredDocuments {
        let report = Validator().validate(DesiredStateReader.read(directory: root.path))
        guard report.isValid else {
            throw Failure(
                description: "the example desired state is invalid:\n"
                    + report.diagnostics.filter { $0.severity == .error }.map(\.formatted).joined(separator: "\n"))
        }
        return report.documents
    }

    /// Every example pod on every node whose executor is `kind`, by node then pod name.
    static func placements(executor kind: Fleet.ExecutorKind) throws -> [PodPlacement] {
        let documents = try documents()
        guard let fleet = documents.fleet else { throw Failure(description: "the example has no fleet") }
        var out: [PodPlacement] = []
        for node in fleet.nodes.filter({ $0.executor.kind == kind }).sorted(by: { $0.name < $1.name }) {
            for pod in documents.pods.sorted(by: { $0.name < $1.name }) {
                guard let bundle = documents.bundles.first(where: { $0.name == pod.spec.bundle }),
                    let profile = documents.profiles.first(where: { $0.name == pod.spec.profile })
                else {
                    throw Failure(description: "example pod \(pod.name) names a missing bundle or profile")
                }
                out.append(PodPlacement(pod: pod, bundle: bundle, profile: profile, node: node))
            }
        }
        return out
    }

    /// `object` with its path under a folder named after the node.
    static func underNode(_ object: RenderedObject, _ node: String) -> RenderedObject {
        var copy = object
        copy.path = "\(node)/\(object.path)"
        return copy
    }
}
