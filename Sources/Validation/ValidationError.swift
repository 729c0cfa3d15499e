import PlaneModel

/// What can go wrong inside Validation itself (never a problem of the user's documents, which
/// are always `Diagnostic`s).
public enum ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The embedded schema for `kind` is missing, is not JSON, or does not compile: a build defect.
    case schemaUnavailable(DocumentKind, reason: String)

    public var description: String {
        switch self {
        case .schemaUnavailable(let kind, let reason):
            "the built-in schema for \(kind.rawValue) is unusable (\(reason)); this is a defect of this agentplane build"
        }
    }
}
