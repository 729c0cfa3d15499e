import PlaneModel
import Rendering

/// Diffs what a node should run against what it runs, into the node's part of the plan. Pure.
///
/// - a desired object the node lacks → create (`new`);
/// - an owned object whose content no longer matches its own digest → update (`drift`);
/// - an owned object whose digest differs from the desired one → update (`changed`);
/// - an owned object nothing desires any more → delete (`no longer desired`);
/// - anything else → no-op (counted, not listed).
///
/// Creates and updates run in dependsOn order of their bundles, then networks and volumes, pods,
/// containers; deletes run after them, in the reverse order.
public enum Planner {
    public static func plan(
        node: Fleet.Node, revision: String, desired: [DesiredObject], observed: NodeObservation
    ) -> NodePlan {
        let observedByPath = Dictionary(observed.objects.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredPaths = Set(desired.map(\.object.path))
        var forward: [(key: (Int, Int, String), change: Change)] = []
        var unchanged = 0
        for item in desired {
            let object = item.object
            let pod = object.labels[OwnershipLabel.pod]
            let bundle = object.labels[OwnershipLabel.bundle]
            let current = observedByPath[object.path]
            let reason: String
            let action: Change.Action
            if let current {
                if current.drifted {
                    (action, reason) = (.update, "drift")
                } else if current.claimedDigest != item.contentDigest {
                    (action, reason) = (.update, "changed")
                } else {
                    unchanged += 1
                    continue
                }
            } else {
                (action, reason) = (.create, "new")
            }
            let change = Change(
                action: action, path: object.path, kind: object.kind, pod: pod, bundle: bundle, reason: reason,
                beforeDigest: current?.claimedDigest, afterDigest: item.contentDigest, before: current?.content,
                after: object.bytes, timeoutSeconds: item.timeoutSeconds)
            forward.append(((item.bundleRank, KindOrder.rank(object.kind), object.path), change))
        }
        forward.sort { $0.key < $1.key }
        let deletes = observed.objects.filter { !desiredPaths.contains($0.path) }.map { current in
            let kind = KindOrder.kind(ofPath: current.path)
            return Change(
                action: .delete, path: current.path, kind: kind, pod: nil, bundle: nil, reason: "no longer desired",
                beforeDigest: current.claimedDigest, afterDigest: nil, before: current.content, after: nil,
                timeoutSeconds: defaultDeleteTimeout)
        }.sorted { (KindOrder.rank($0.kind), $0.path) > (KindOrder.rank($1.kind), $1.path) }
        return NodePlan(
            node: node.name, stage: node.stage, executor: node.executor.kind, revision: revision,
            observedDigest: observed.digest, changes: forward.map(\.change) + deletes, unchanged: unchanged)
    }

    /// Timeout of a delete, whose bundle may no longer exist.
    public static let defaultDeleteTimeout = 300
}
