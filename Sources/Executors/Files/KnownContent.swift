/// A file's bytes and content digest that the caller already knows, e.g. what it just rendered
/// for that path.
///
/// Observing a file whose bytes are exactly these takes the digest from here instead of
/// hashing the file again: an in-sync node's files are compared byte for byte with what was
/// rendered (a few instructions a byte) rather than run through SHA-256 (about seventeen).
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
