import PlaneModel

/// A bundle smoke check bound to the node its pod was placed on.
public struct SmokeTarget: Hashable, Sendable {
    public var node: String
    public var bundle: String
    public var check: Bundle.SmokeCheck

    public init(node: String, bundle: String, check: Bundle.SmokeCheck) {
        self.node = node
        self.bundle = bundle
        self.check = check
    }
}

/// The result of one smoke check, as recorded and shown (output truncated and redacted).
public struct SmokeResult: Hashable, Sendable {
    public var target: SmokeTarget
    public var passed: Bool
    public var status: Int32?
    public var output: String
}
