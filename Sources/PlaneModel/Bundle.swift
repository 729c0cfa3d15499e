/// A Bundle: the unit of deployment and of policy (`desired/bundles/<name>.json`).
public struct Bundle: Hashable, Sendable {
    public var metadata: ObjectMeta
    /// `metadata.version`.
    public var version: String
    /// `metadata.licensePolicy.allowAGPL`; validation requires false.
    public var allowAGPL: Bool
    public var spec: Spec
    public var source: SourceRef

    public init(metadata: ObjectMeta, version: String, allowAGPL: Bool = false, spec: Spec, source: SourceRef) {
        self.metadata = metadata
        self.version = version
        self.allowAGPL = allowAGPL
        self.spec = spec
        self.source = source
    }

    public var name: String { metadata.name }

    public struct Spec: Hashable, Sendable {
        public var pods: [String]
        /// `spec.policy.maxRunSeconds`: 5–3600, the apply timeout of every action of the bundle.
        public var maxRunSeconds: Int
        public var dependsOn: [String]
        public var smoke: [SmokeCheck]
        public var components: [Component]

        public init(
            pods: [String], maxRunSeconds: Int, dependsOn: [String] = [], smoke: [SmokeCheck] = [],
            components: [Component] = []
        ) {
            self.pods = pods
            self.maxRunSeconds = maxRunSeconds
            self.dependsOn = dependsOn
            self.smoke = smoke
            self.components = components
        }
    }

    /// A check run after apply: `exec` inside a container of `pod`.
    public struct SmokeCheck: Hashable, Sendable {
        public var name: String
        public var pod: String
        public var container: String?
        public var exec: [String]
        public var timeoutSeconds: Int
        public init(name: String, pod: String, container: String? = nil, exec: [String], timeoutSeconds: Int = 30) {
            self.name = name
            self.pod = pod
            self.container = container
            self.exec = exec
            self.timeoutSeconds = timeoutSeconds
        }
    }

    public struct Component: Hashable, Sendable {
        public var name: String
        /// An SPDX licence identifier or expression.
        public var license: String
        public init(name: String, license: String) {
            self.name = name
            self.license = license
        }
    }
}
