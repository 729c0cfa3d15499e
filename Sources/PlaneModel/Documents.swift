/// The apiVersion every document carries.
public let apiVersion = "agentplane.dev/v1alpha1"

/// The kinds of desired-state document.
public enum DocumentKind: String, Hashable, Sendable, Codable, CaseIterable {
    case agentPod = "AgentPod"
    case bundle = "Bundle"
    case profile = "Profile"
    case fleet = "Fleet"
}

/// Where a typed value came from: the repository-relative path and, where known, a position.
public struct SourceRef: Hashable, Sendable, Codable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }
}

/// `metadata` of every document.
public struct ObjectMeta: Hashable, Sendable {
    public var name: String
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(name: String, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
    }
}

/// A resource quantity as written (`500m`, `2`, `512Mi`, `10Gi`), kept verbatim for rendering.
/// `Quantity.parse` turns it into a number for capacity arithmetic.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

/// CPU, memory and GPU a container asks for, or a node offers, or a profile allows.
public struct Resources: Hashable, Sendable {
    public var cpu: Quantity?
    public var memory: Quantity?
    public var gpu: Int?
    public var disk: Quantity?

    public init(cpu: Quantity? = nil, memory: Quantity? = nil, gpu: Int? = nil, disk: Quantity? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.gpu = gpu
        self.disk = disk
    }
}
