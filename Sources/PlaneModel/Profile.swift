/// A Profile: the execution policy a pod runs under (`desired/profiles/<name>.json`).
public struct Profile: Hashable, Sendable {
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
        public var profileClass: ProfileClass
        public var network: Network
        public var models: Models
        public var toolsAllow: [String]
        public var containers: ContainerPolicy
        public var budget: Budget

        public init(
            profileClass: ProfileClass, network: Network, models: Models = Models(),
            toolsAllow: [String] = [], containers: ContainerPolicy = ContainerPolicy(), budget: Budget = Budget()
        ) {
            self.profileClass = profileClass
            self.network = network
            self.models = models
            self.toolsAllow = toolsAllow
            self.containers = containers
            self.budget = budget
        }
    }

    /// `spec.class`.
    public enum ProfileClass: String, Hashable, Sendable, CaseIterable {
        case personal
        case corporateFirewall = "corporate-firewall"
        case multiCorporateFirewall = "multi-corporate-firewall"
        case localModelProvider = "local-model-provider"
        case hostedModelProvider = "hosted-model-provider"
        case airgapped
        case userOwnedModel = "user-owned-model"
    }

    public struct Network: Hashable, Sendable {
        public var mode: NetworkMode
        /// Hosts (and ports) egress may reach when `mode` is allowlist.
        public var allow: [AllowedHost]
        /// The egress proxy URL for allowlist mode, e.g. `http://proxy.corp:3128`.
        public var proxy: String?
        public init(mode: NetworkMode, allow: [AllowedHost] = [], proxy: String? = nil) {
            self.mode = mode
            self.allow = allow
            self.proxy = proxy
        }
    }

    public enum NetworkMode: String, Hashable, Sendable, CaseIterable {
        case none, allowlist, open
    }

    public struct AllowedHost: Hashable, Sendable {
        public var host: String
        public var port: Int?
        public init(host: String, port: Int? = nil) {
            self.host = host
            self.port = port
        }
    }

    public struct Models: Hashable, Sendable {
        /// Allowed providers (`llama.cpp`, `vllm`, …, or `hosted:<name>`); empty allows none.
        public var allowedProviders: [String]
        public var hostedAllowed: Bool
        public init(allowedProviders: [String] = [], hostedAllowed: Bool = false) {
            self.allowedProviders = allowedProviders
            self.hostedAllowed = hostedAllowed
        }
    }

    public struct ContainerPolicy: Hashable, Sendable {
        /// Registry hosts images may come from, e.g. `docker.io`, `ghcr.io/acme`.
        public var allowedRegistries: [String]
        public var requireDigest: Bool
        public var privileged: Bool
        public var rootless: Bool
        public init(allowedRegistries: [String] = [], requireDigest: Bool = false, privileged: Bool = false, rootless: Bool = true) {
            self.allowedRegistries = allowedRegistries
            self.requireDigest = requireDigest
            self.privileged = privileged
            self.rootless = rootless
        }
    }

    public struct Budget: Hashable, Sendable {
        public var cpu: Quantity?
        public var memory: Quantity?
        public var gpu: Int?
        public var disk: Quantity?
        public var maxRunSeconds: Int?
        public var concurrency: Int?
        public var modelCalls: Int?
        public var tokens: Int?
        public init(
            cpu: Quantity? = nil, memory: Quantity? = nil, gpu: Int? = nil, disk: Quantity? = nil,
            maxRunSeconds: Int? = nil, concurrency: Int? = nil, modelCalls: Int? = nil, tokens: Int? = nil
        ) {
            self.cpu = cpu
            self.memory = memory
            self.gpu = gpu
            self.disk = disk
            self.maxRunSeconds = maxRunSeconds
            self.concurrency = concurrency
            self.modelCalls = modelCalls
            self.tokens = tokens
        }
    }
}
