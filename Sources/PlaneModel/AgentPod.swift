/// An AgentPod: one schedulable agent workload (`desired/agentpods/<name>.json`).
public struct AgentPod: Hashable, Sendable {
    public var metadata: ObjectMeta
    public var spec: Spec
    public var source: SourceRef

    public init(metadata: ObjectMeta, spec: Spec, source: SourceRef) {
        self.metadata = metadata
        self.spec = spec
        self.source = source
    }

    public var name: String { metadata.name }

    public struct Spec: Hashable, Sendable {
        public var bundle: String
        public var profile: String
        public var agent: AgentIdentity?
        public var containers: [Container]
        public var model: ModelSpec?
        public var volumes: [Volume]
        public var tools: [ToolGrant]
        public var placement: PlacementSpec
        public var replicas: Int
        public var restartPolicy: RestartPolicy

        public init(
            bundle: String, profile: String, agent: AgentIdentity? = nil, containers: [Container],
            model: ModelSpec? = nil, volumes: [Volume] = [], tools: [ToolGrant] = [],
            placement: PlacementSpec = PlacementSpec(), replicas: Int = 1,
            restartPolicy: RestartPolicy = .always
        ) {
            self.bundle = bundle
            self.profile = profile
            self.agent = agent
            self.containers = containers
            self.model = model
            self.volumes = volumes
            self.tools = tools
            self.placement = placement
            self.replicas = replicas
            self.restartPolicy = restartPolicy
        }
    }

    /// `spec.agent`: the workload identity (a URN) and the delegation it acts under.
    public struct AgentIdentity: Hashable, Sendable {
        public var id: String
        public var delegation: Delegation?
        public init(id: String, delegation: Delegation? = nil) {
            self.id = id
            self.delegation = delegation
        }
    }

    public struct Delegation: Hashable, Sendable {
        public var principal: String
        public var scopes: [String]
        /// RFC 3339 date-time.
        public var expires: String?
        public init(principal: String, scopes: [String], expires: String? = nil) {
            self.principal = principal
            self.scopes = scopes
            self.expires = expires
        }
    }

    public struct Container: Hashable, Sendable {
        public var name: String
        public var image: String
        public var command: [String]
        public var args: [String]
        public var env: [EnvVar]
        public var ports: [Port]
        public var resources: Resources
        public var workingDir: String?

        public init(
            name: String, image: String, command: [String] = [], args: [String] = [],
            env: [EnvVar] = [], ports: [Port] = [], resources: Resources = Resources(),
            workingDir: String? = nil
        ) {
            self.name = name
            self.image = image
            self.command = command
            self.args = args
            self.env = env
            self.ports = ports
            self.resources = resources
            self.workingDir = workingDir
        }
    }

    /// An environment variable: a literal `value` or a `secretRef` (never both).
    public struct EnvVar: Hashable, Sendable {
        public var name: String
        public var source: Source
        public init(name: String, source: Source) {
            self.name = name
            self.source = source
        }

        public enum Source: Hashable, Sendable {
            case value(String)
            /// A Podman secret or Kubernetes Secret `name`, and the key inside it (Kubernetes).
            case secretRef(name: String, key: String?)
        }
    }

    public struct Port: Hashable, Sendable {
        public var name: String?
        public var containerPort: Int
        public var hostPort: Int?
        public var `protocol`: PortProtocol
        public init(name: String? = nil, containerPort: Int, hostPort: Int? = nil, protocol: PortProtocol = .tcp) {
            self.name = name
            self.containerPort = containerPort
            self.hostPort = hostPort
            self.protocol = `protocol`
        }
    }

    public enum PortProtocol: String, Hashable, Sendable, CaseIterable {
        case tcp, udp
    }

    public struct ModelSpec: Hashable, Sendable {
        /// `llama.cpp`, `vllm`, `sglang`, `ollama`, or `hosted:<name>`.
        public var provider: String
        public var id: String
        public var residency: Residency
        public init(provider: String, id: String, residency: Residency = .none) {
            self.provider = provider
            self.id = id
            self.residency = residency
        }

        public var isHosted: Bool { provider.hasPrefix("hosted:") }
    }

    public enum Residency: String, Hashable, Sendable, CaseIterable {
        case required, preferred, none
    }

    public struct Volume: Hashable, Sendable {
        public var name: String
        public var tier: VolumeTier
        public var size: Quantity
        public var mountPath: String
        public init(name: String, tier: VolumeTier, size: Quantity, mountPath: String) {
            self.name = name
            self.tier = tier
            self.size = size
            self.mountPath = mountPath
        }
    }

    public enum VolumeTier: String, Hashable, Sendable, CaseIterable {
        case ram, nvme, object
    }

    public struct ToolGrant: Hashable, Sendable {
        public var name: String
        public var scope: String
        public init(name: String, scope: String) {
            self.name = name
            self.scope = scope
        }
    }

    public struct PlacementSpec: Hashable, Sendable {
        public var runtime: Runtime
        public var nodeSelector: [String: String]
        /// Capabilities the node must offer, e.g. `gpu`.
        public var requires: [String]
        public init(runtime: Runtime = .any, nodeSelector: [String: String] = [:], requires: [String] = []) {
            self.runtime = runtime
            self.nodeSelector = nodeSelector
            self.requires = requires
        }
    }

    public enum Runtime: String, Hashable, Sendable, CaseIterable {
        case quadlet, podman, kubernetes, any
    }

    public enum RestartPolicy: String, Hashable, Sendable, CaseIterable {
        case always = "always"
        case onFailure = "on-failure"
        case never = "never"
    }
}
