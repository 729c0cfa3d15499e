/// The Fleet (`fleet/inventory.json`): ordered stages and the nodes that run pods.
public struct Fleet: Hashable, Sendable {
    public var metadata: ObjectMeta
    /// Stage names in promotion order, e.g. dev, staging, prod.
    public var stages: [String]
    public var nodes: [Node]
    public var source: SourceRef

    public init(metadata: ObjectMeta, stages: [String], nodes: [Node], source: SourceRef) {
        self.metadata = metadata
        self.stages = stages
        self.nodes = nodes
        self.source = source
    }

    public struct Node: Hashable, Sendable {
        public var name: String
        public var stage: String
        public var labels: [String: String]
        public var capabilities: [String]
        public var capacity: Resources
        public var residentModels: [String]
        /// Profiles allowed on this node; empty allows every profile.
        public var profiles: [String]
        public var executor: Executor

        public init(
            name: String, stage: String, labels: [String: String] = [:], capabilities: [String] = [],
            capacity: Resources = Resources(), residentModels: [String] = [], profiles: [String] = [],
            executor: Executor
        ) {
            self.name = name
            self.stage = stage
            self.labels = labels
            self.capabilities = capabilities
            self.capacity = capacity
            self.residentModels = residentModels
            self.profiles = profiles
            self.executor = executor
        }
    }

    /// How agentplane reaches a node.
    public enum Executor: Hashable, Sendable {
        /// Render into a local folder (relative paths are relative to the state dir).
        case directory(path: String)
        /// Quadlet units in `unitDir`, `systemctl` (or `systemctl --user`) through `systemctl` argv.
        case quadlet(unitDir: String, scope: Scope, systemctl: [String])
        /// `podman kube play`; `connection` names a `podman system connection` or nil for local.
        case podman(connection: String?)
        /// `kubectl` with `context` (nil: current) into `namespace`.
        case kubernetes(context: String?, namespace: String)

        public var kind: ExecutorKind {
            switch self {
            case .directory: .directory
            case .quadlet: .quadlet
            case .podman: .podman
            case .kubernetes: .kubernetes
            }
        }
    }

    public enum ExecutorKind: String, Hashable, Sendable, CaseIterable {
        case directory, quadlet, podman, kubernetes
    }

    public enum Scope: String, Hashable, Sendable, CaseIterable {
        case user, system
    }
}

/// Every document of one revision, typed.
public struct DesiredDocuments: Hashable, Sendable {
    public var pods: [AgentPod]
    public var bundles: [Bundle]
    public var profiles: [Profile]
    public var fleet: Fleet?

    public init(pods: [AgentPod] = [], bundles: [Bundle] = [], profiles: [Profile] = [], fleet: Fleet? = nil) {
        self.pods = pods
        self.bundles = bundles
        self.profiles = profiles
        self.fleet = fleet
    }
}
