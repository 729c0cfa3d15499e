/// A file's bytes and content digest that the caller already knows, e.g. what it just rendered
/// for that path (see `ObservedDigests.settle`).
///
/// A file whose bytes are exactly these takes the digest from here instead of being hashed.
/// Any other file is hashed as always, so a stale or wrong entry can never hide drift: the
/// digest is only borrowed for identical bytes, and it must be the content digest the file's
/// format defines (the `agentplane.dev/digest` label of a rendered object).
public struct KnownContent: Hashable, Sendable {
    public var bytes: [UInt8]
    public var digest: String

    public init(bytes: [UInt8], digest: String) {
        self.bytes = bytes
        self.digest = digest
    }
}
