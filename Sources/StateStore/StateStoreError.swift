/// Why the state store could not do what was asked.
public enum StateStoreError: Error, Sendable, CustomStringConvertible {
    case sqlite(SQLiteError)
    /// The state directory cannot be created or used.
    case directory(path: String, message: String)
    /// Another reconciler holds the node's lease and did not release it within the wait.
    case leaseHeld(node: String, holder: String, expiresAt: Double, waited: Double)

    public var description: String {
        switch self {
        case .sqlite(let error): "state database: \(error.description)"
        case .directory(let path, let message): "state directory \(path): \(message)"
        case .leaseHeld(let node, let holder, let expiresAt, let waited):
            "node \(node) is being reconciled by \(holder) (lease until \(Timestamps.iso8601(expiresAt)), "
                + "waited \(Int(waited.rounded())) s); try again later, or stop that reconciler"
        }
    }

    /// Lock contention is worth retrying; the rest is not.
    public var isRetryable: Bool {
        switch self {
        case .sqlite(let error): error.isBusy
        case .leaseHeld: true
        case .directory: false
        }
    }
}
