import Formats
import PlaneModel
import Rendering
import Testing

/// Small helpers the Kubernetes tests share.
enum KubernetesTestSupport {
    static let renderer = KubernetesRenderer()

    /// The cluster manifests of `placement`, failing the test on a render error.
    static func cluster(_ placement: PodPlacement) throws -> [KubernetesManifest] {
        try renderer.manifests(placement)
    }

    static func podman(_ placement: PodPlacement) throws -> [KubernetesManifest] {
        try renderer.podmanManifests(placement)
    }

    /// `fixture` placed on the cluster node.
    static func onCluster(_ fixture: (pod: AgentPod, profile: Profile)) -> PodPlacement {
        PodPlacement(
            pod: fixture.pod, bundle: KubernetesFixtures.bundle(for: fixture.pod), profile: fixture.profile,
            node: KubernetesFixtures.clusterNode)
    }

    static func onPodman(_ fixture: (pod: AgentPod, profile: Profile)) -> PodPlacement {
        PodPlacement(
            pod: fixture.pod, bundle: KubernetesFixtures.bundle(for: fixture.pod), profile: fixture.profile,
            node: KubernetesFixtures.podmanNode)
    }

    /// The manifest of `kind` (e.g. `Deployment`), if any.
    static func first(_ manifests: [KubernetesManifest], kind: String) -> JSONValue? {
        manifests.first { $0.value["kind"]?.stringValue == kind }?.value
    }

    /// The value at `path` (object keys, or array indices as decimal strings).
    static func at(_ value: JSONValue?, _ path: String...) -> JSONValue? {
        var current = value
        for step in path {
            if let index = Int(step), case .array = current {
                current = current?[index]?.value
            } else {
                current = current?[step]?.value
            }
        }
        return current
    }

    /// The string members of an object as a dictionary.
    static func stringMap(_ value: JSONValue?) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for member in object.members { out[member.key] = member.value.stringValue }
        return out
    }

    /// `value` with the member at `path` removed (the last step names the member).
    static func removing(_ path: [String], from value: JSONValue) -> JSONValue {
        guard let head = path.first, let object = value.objectValue else { return value }
        var pairs: [(String, JSONValue)] = []
        for member in object.members {
            if member.key == head {
                if path.count == 1 { continue }
                pairs.append((member.key, removing(Array(path.dropFirst()), from: member.value.value)))
            } else {
                pairs.append((member.key, member.value.value))
            }
        }
        return .object(pairs)
    }

    /// The kubelet's `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/expansion):
    /// `$$` → `$`, `$(NAME)` → the value of NAME when defined, anything else kept.
    static func kubeletExpand(_ input: String, _ variables: [String: String]) -> String {
        let bytes = Array(input.utf8)
        var out: [UInt8] = []
        var cursor = 0
        while cursor < bytes.count {
            guard bytes[cursor] == UInt8(ascii: "$"), cursor + 1 < bytes.count else {
                out.append(bytes[cursor])
                cursor += 1
                continue
            }
            let next = bytes[cursor + 1]
            if next == UInt8(ascii: "$") {
                out.append(next)
                cursor += 2
            } else if next == UInt8(ascii: "("),
                let close = bytes[(cursor + 2)...].firstIndex(of: UInt8(ascii: ")"))
            {
                let name = String(decoding: bytes[(cursor + 2)..<close], as: UTF8.self)
                out += Array((variables[name] ?? "$(\(name))").utf8)
                cursor = close + 1
            } else {
                out += [bytes[cursor], next]
                cursor += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
