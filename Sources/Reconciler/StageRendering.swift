import PlaneModel
import Planning
import Rendering

/// Renders the placed pods of one stage for the planner, one placement decision at a time, so
/// rendering can start while placement is still deciding (see `StreamingMap`).
///
/// Pods are looked up by index, not copied: copying 10,000 pods into a dictionary and again
/// into their PodPlacement, then freeing them, was ~50 ms on the planner's thread alone.
struct StageRendering: Sendable {
    /// What one decision rendered to: nothing (not placed, or on a node not selected), its
    /// node's objects, or a render error.
    enum Outcome: Sendable {
        case skipped
        case rendered(node: String, objects: [DesiredObject])
        case failed(node: String, pod: SourceRef, RenderError)
    }

    private let pods: [AgentPod]
    private let podIndex: [String: Int]
    private let bundles: [String: Bundle]
    private let profiles: [String: Profile]
    private let nodes: [String: Fleet.Node]
    private let ranks: [String: Int]
    private let selected: Set<String>

    init(documents: DesiredDocuments, fleet: Fleet, only selected: Set<String>) {
        let pods = documents.pods
        self.pods = pods
        podIndex = Dictionary(pods.indices.map { (pods[$0].name, $0) }, uniquingKeysWith: { a, _ in a })
        bundles = Dictionary(documents.bundles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        profiles = Dictionary(documents.profiles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        nodes = Dictionary(fleet.nodes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        ranks = BundleOrder.ranks(documents.bundles)
        self.selected = selected
    }

    /// Renders the pod `decision` placed, when it landed on a selected node.
    func render(_ decision: PlacementDecision) -> Outcome {
        guard let nodeName = decision.node, selected.contains(nodeName), let node = nodes[nodeName],
            let index = podIndex[decision.pod]
        else { return .skipped }
        let pod = pods[index]
        guard let bundle = bundles[pod.spec.bundle], let profile = profiles[pod.spec.profile] else { return .skipped }
        let rank = ranks[bundle.name] ?? 0
        do {
            let objects = try RenderSelection.render(PodPlacement(pod: pod, bundle: bundle, profile: profile, node: node))
            return .rendered(
                node: nodeName,
                objects: objects.map { DesiredObject(object: $0, bundleRank: rank, timeoutSeconds: bundle.spec.maxRunSeconds) })
        } catch {
            return .failed(node: nodeName, pod: pod.source, error)
        }
    }

    /// Every node's objects, in placement order; any render error fails the whole run.
    static func collect(_ outcomes: consuming [Outcome]) throws(ReconcileError) -> [String: [DesiredObject]] {
        var out: [String: [DesiredObject]] = [:]
        var diagnostics: [Diagnostic] = []
        for index in outcomes.indices {
            switch outcomes[index] {
            case .skipped:
                continue
            case .rendered(let node, let objects):
                out[node, default: []] += objects
            case .failed(let node, let source, let error):
                diagnostics.append(Diagnostic(
                    file: source.path, line: source.line, column: source.column, code: "render",
                    message: "cannot render for node \(node): \(error.description)"))
            }
        }
        // The outcomes' arrays now live on in `out`; the 10,000 enum boxes around them are let
        // go on another thread.
        BackgroundRelease.release(consume outcomes)
        if !diagnostics.isEmpty {
            throw .invalid(revision: "render", diagnostics: diagnostics)
        }
        return out
    }
}
