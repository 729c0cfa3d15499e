import PlaneModel
import Rendering

/// A rendered object with what planning needs to order and time it.
public struct DesiredObject: Hashable, Sendable {
    public var object: RenderedObject
    /// Position of the object's bundle in dependsOn order (dependencies have lower ranks).
    public var bundleRank: Int
    /// The bundle's maxRunSeconds.
    public var timeoutSeconds: Int

    public init(object: RenderedObject, bundleRank: Int, timeoutSeconds: Int) {
        self.object = object
        self.bundleRank = bundleRank
        self.timeoutSeconds = timeoutSeconds
    }

    /// The content digest the object carries (its `agentplane.dev/digest` label).
    public var contentDigest: String { object.labels[OwnershipLabel.digest] ?? object.digest }
}

/// Ranks of bundles in `dependsOn` order: a bundle's rank is one more than the highest rank of
/// the bundles it depends on, so applying by ascending rank applies dependencies first.
public enum BundleOrder {
    public static func ranks(_ bundles: [Bundle]) -> [String: Int] {
        let byName = Dictionary(bundles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var ranks: [String: Int] = [:]
        for start in bundles.map(\.name).sorted() {
            // Iterative depth-first walk; a cycle (a validation error) is cut where it closes.
            var stack: [(name: String, expanded: Bool)] = [(start, false)]
            var onPath: Set<String> = []
            while let (name, expanded) = stack.popLast() {
                if ranks[name] != nil { continue }
                let dependencies = (byName[name]?.spec.dependsOn ?? []).filter { byName[$0] != nil }
                if expanded {
                    onPath.remove(name)
                    ranks[name] = (dependencies.compactMap { ranks[$0] }.max() ?? -1) + 1
                    continue
                }
                onPath.insert(name)
                stack.append((name, true))
                for dependency in dependencies.sorted().reversed() where ranks[dependency] == nil && !onPath.contains(dependency) {
                    stack.append((dependency, false))
                }
            }
        }
        return ranks
    }
}

/// Apply order of object kinds: networks and volumes, then pods, then containers.
enum KindOrder {
    static func rank(_ kind: RenderedObject.ObjectKind?) -> Int {
        guard let kind else { return 5 }
        switch kind {
        case .quadletNetwork, .networkPolicy, .serviceAccount: return 0
        case .quadletVolume, .persistentVolumeClaim, .configMap: return 1
        case .quadletPod, .pod: return 2
        case .quadletContainer, .deployment, .job: return 3
        default: return 4
        }
    }

    /// The kind of an observed object, from the path the renderers give it.
    static func kind(ofPath path: String) -> RenderedObject.ObjectKind? {
        let suffixes: [(String, RenderedObject.ObjectKind)] = [
            (".network", .quadletNetwork), (".volume", .quadletVolume), (".pod", .quadletPod),
            (".container", .quadletContainer), ("serviceaccount.yaml", .serviceAccount),
            ("networkpolicy.yaml", .networkPolicy), ("configmap.yaml", .configMap),
            ("deployment.yaml", .deployment), ("kube.yaml", .deployment), ("job.yaml", .job), ("pod.yaml", .pod),
        ]
        for (suffix, kind) in suffixes where path.hasSuffix(suffix) { return kind }
        if path.contains("pvc") || path.contains("persistentvolumeclaim") { return .persistentVolumeClaim }
        return nil
    }
}
