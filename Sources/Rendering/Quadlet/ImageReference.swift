/// A fully qualified container image reference: `registry/path:tag`, `registry/path@digest`, or
/// both. Short names (`busybox`, `library/busybox:1.36`) are refused: which registry they resolve
/// to depends on the node's `registries.conf`, so the same desired state could run different code.
public struct ImageReference: Hashable, Sendable {
    /// `docker.io`, `ghcr.io`, `localhost`, `registry.example:5000`, `[::1]:5000`.
    public var registry: String
    /// Path components after the registry, e.g. `library/busybox`.
    public var path: String
    public var tag: String?
    /// `algorithm:hex`, e.g. `sha256:…`.
    public var digest: String?

    /// Parses `text` following the distribution reference grammar; nil when it is not a fully
    /// qualified reference with a tag or a digest.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        var rest = bytes[...]
        var digest: String?
        if let at = rest.firstIndex(of: Byte.at) {
            let candidate = rest[(at + 1)...]
            guard Self.isDigest(candidate) else { return nil }
            digest = String(decoding: candidate, as: UTF8.self)
            rest = rest[..<at]
        }
        guard let slash = rest.firstIndex(of: Byte.slash) else { return nil }
        let registry = rest[..<slash]
        var remainder = rest[(slash + 1)...]
        var tag: String?
        if let colon = remainder.lastIndex(of: Byte.colon) {
            let candidate = remainder[(colon + 1)...]
            guard Self.isTag(candidate) else { return nil }
            tag = String(decoding: candidate, as: UTF8.self)
            remainder = remainder[..<colon]
        }
        guard tag != nil || digest != nil else { return nil }
        guard Self.isRegistry(registry) else { return nil }
        let components = remainder.split(separator: Byte.slash, omittingEmptySubsequences: false)
        guard !components.isEmpty, components.allSatisfy(Self.isPathComponent) else { return nil }
        self.registry = String(decoding: registry, as: UTF8.self)
        self.path = String(decoding: remainder, as: UTF8.self)
        self.tag = tag
        self.digest = digest
    }

    // MARK: - Grammar (over UTF-8 bytes: every valid reference is ASCII)

    typealias Bytes = ArraySlice<UInt8>

    /// A host with a dot or a port, `localhost`, or a bracketed IPv6 address, optionally `:port`.
    static func isRegistry(_ text: Bytes) -> Bool {
        if text.first == Byte.openBracket {
            guard let close = text.firstIndex(of: Byte.closeBracket) else { return false }
            let inside = text[(text.startIndex + 1)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ Byte.isHexDigit($0) || $0 == Byte.colon || $0 == Byte.dot }) else {
                return false
            }
            let after = text[(close + 1)...]
            return after.isEmpty || (after.first == Byte.colon && isPort(after.dropFirst()))
        }
        var host = text
        var hasPort = false
        if let colon = text.lastIndex(of: Byte.colon) {
            guard isPort(text[(colon + 1)...]) else { return false }
            host = text[..<colon]
            hasPort = true
        }
        let labels = host.split(separator: Byte.dot, omittingEmptySubsequences: false)
        for label in labels {
            guard let first = label.first, let last = label.last, Byte.isAlphanumeric(first), Byte.isAlphanumeric(last),
                label.allSatisfy({ Byte.isAlphanumeric($0) || $0 == Byte.dash })
            else { return false }
        }
        return hasPort || labels.count > 1 || host.elementsEqual("localhost".utf8)
    }

    static func isPort(_ text: Bytes) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy(Byte.isDigit)
    }

    /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
    static func isPathComponent(_ text: Bytes) -> Bool {
        guard let first = text.first, let last = text.last, Byte.isLowerAlphanumeric(first), Byte.isLowerAlphanumeric(last)
        else { return false }
        var previous = first
        var underscores = 0
        for byte in text.dropFirst() {
            if Byte.isLowerAlphanumeric(byte) {
                underscores = 0
            } else if byte == Byte.dot {
                guard Byte.isLowerAlphanumeric(previous) else { return false }
            } else if byte == Byte.underscore {
                underscores += 1
                guard underscores <= 2, Byte.isLowerAlphanumeric(previous) || previous == Byte.underscore else { return false }
            } else if byte == Byte.dash {
                guard Byte.isLowerAlphanumeric(previous) || previous == Byte.dash else { return false }
            } else {
                return false
            }
            previous = byte
        }
        return true
    }

    /// `[\w][\w.-]{0,127}`
    static func isTag(_ text: Bytes) -> Bool {
        guard let first = text.first, text.count <= 128, Byte.isWord(first) else { return false }
        return text.allSatisfy { Byte.isWord($0) || $0 == Byte.dot || $0 == Byte.dash }
    }

    /// `algorithm:hex` with at least 32 hex digits; `sha256` needs exactly 64 lower-case ones.
    static func isDigest(_ text: Bytes) -> Bool {
        guard let colon = text.firstIndex(of: Byte.colon) else { return false }
        let algorithm = text[..<colon]
        let hex = text[(colon + 1)...]
        guard let first = algorithm.first, Byte.isLetter(first),
            algorithm.allSatisfy({ Byte.isAlphanumeric($0) || "+.-_".utf8.contains($0) }),
            hex.count >= 32, hex.allSatisfy(Byte.isHexDigit)
        else { return false }
        if algorithm.elementsEqual("sha256".utf8) {
            return hex.count == 64 && hex.allSatisfy { Byte.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        }
        return true
    }

    /// ASCII byte classes.
    enum Byte {
        static let at = UInt8(ascii: "@"), slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":"), dot = UInt8(ascii: ".")
        static let dash = UInt8(ascii: "-"), underscore = UInt8(ascii: "_")
        static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

        static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        static func isLower(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
        static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || (0x41...0x5A).contains(byte) }
        static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
        static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }
        static func isWord(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == underscore }
        static func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
        }
    }
}
