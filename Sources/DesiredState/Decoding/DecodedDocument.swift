import PlaneModel

/// One desired-state document, typed: what `DocumentDecoder` makes of a parsed file.
public enum DecodedDocument: Hashable, Sendable {
    case agentPod(AgentPod)
    case bundle(Bundle)
    case profile(Profile)
    case fleet(Fleet)

    /// The document's kind.
    public var kind: DocumentKind {
        switch self {
        case .agentPod: .agentPod
        case .bundle: .bundle
        case .profile: .profile
        case .fleet: .fleet
        }
    }

    /// `metadata.name`.
    public var name: String {
        switch self {
        case .agentPod(let pod): pod.metadata.name
        case .bundle(let bundle): bundle.metadata.name
        case .profile(let profile): profile.metadata.name
        case .fleet(let fleet): fleet.metadata.name
        }
    }

    /// The file (and position) the document was decoded from.
    public var source: SourceRef {
        switch self {
        case .agentPod(let pod): pod.source
        case .bundle(let bundle): bundle.source
        case .profile(let profile): profile.source
        case .fleet(let fleet): fleet.source
        }
    }
}
