import Formats
import PlaneModel

/// One file the renderers produce for a node: where it goes, its exact bytes and their digest.
public struct RenderedObject: Hashable, Sendable {
    /// Path relative to the node's root (a Quadlet unit dir, or a manifest folder), e.g. `web.container`.
    public var path: String
    public var bytes: [UInt8]
    public var kind: ObjectKind
    /// Ownership labels: `agentplane.dev/managed-by`, `agentplane.dev/pod`, `agentplane.dev/bundle`
    /// (and `agentplane.dev/digest` of the object's content without that label, where the format
    /// can carry it).
    public var labels: [String: String]

    public init(path: String, bytes: [UInt8], kind: ObjectKind, labels: [String: String]) {
        self.path = path
        self.bytes = bytes
        self.kind = kind
        self.labels = labels
    }

    /// Lower-case hex SHA-256 of `bytes`, computed when asked: planning compares content digests
    /// (the `agentplane.dev/digest` label), so only evidence and replay pay for this one.
    public var digest: String { SHA256.hex(bytes) }

    /// The kinds of rendered object, in apply order (networks and volumes first).
    public enum ObjectKind: String, Hashable, Sendable, CaseIterable {
        case quadletNetwork = "quadlet.network"
        case quadletVolume = "quadlet.volume"
        case quadletPod = "quadlet.pod"
        case quadletContainer = "quadlet.container"
        case serviceAccount = "k8s.ServiceAccount"
        case networkPolicy = "k8s.NetworkPolicy"
        case configMap = "k8s.ConfigMap"
        case persistentVolumeClaim = "k8s.PersistentVolumeClaim"
        case deployment = "k8s.Deployment"
        /// A run-once pod (`restartPolicy: never`) on Kubernetes, where a Deployment would rerun it.
        case job = "k8s.Job"
        case pod = "k8s.Pod"
    }
}

/// A pod placed on a node, with everything rendering needs. Inputs are already validated.
public struct PodPlacement: Hashable, Sendable {
    public var pod: AgentPod
    public var bundle: Bundle
    public var profile: Profile
    public var node: Fleet.Node

    public init(pod: AgentPod, bundle: Bundle, profile: Profile, node: Fleet.Node) {
        self.pod = pod
        self.bundle = bundle
        self.profile = profile
        self.node = node
    }
}

/// Ownership label keys.
public enum OwnershipLabel {
    public static let managedBy = "agentplane.dev/managed-by"
    public static let pod = "agentplane.dev/pod"
    public static let bundle = "agentplane.dev/bundle"
    public static let digest = "agentplane.dev/digest"
    public static let managedByValue = "agentplane"
}
