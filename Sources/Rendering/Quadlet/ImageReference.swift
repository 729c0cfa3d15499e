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
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let candidate = rest[rest.index(after: at)...]
            guard Self.isDigest(candidate) else { return nil }
            digest = String(candidate)
            rest = rest[..<at]
        }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let registry = rest[..<slash]
        var remainder = rest[rest.index(after: slash)...]
        var tag: String?
        if let colon = remainder.lastIndex(of: ":") {
            let candidate = remainder[remainder.index(after: colon)...]
            guard Self.isTag(candidate) else { return nil }
            tag = String(candidate)
            remainder = remainder[..<colon]
        }
        guard tag != nil || digest != nil else { return nil }
        guard Self.isRegistry(registry) else { return nil }
        let components = remainder.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.isEmpty, components.allSatisfy(Self.isPathComponent) else { return nil }
        self.registry = String(registry)
        self.path = String(remainder)
        self.tag = tag
        self.digest = digest
    }

    // MARK: - Grammar

    /// A host with a dot or a port, `localhost`, or a bracketed IPv6 address, optionally `:port`.
    static func isRegistry(_ text: Substring) -> Bool {
        var host = text
        var hasPort = false
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            let inside = text[text.index(after: text.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            let after = text[text.index(after: close)...]
            if after.isEmpty { return true }
            guard after.hasPrefix(":"), isPort(after.dropFirst()) else { return false }
            return true
        }
        if let colon = text.lastIndex(of: ":") {
            guard isPort(text[text.index(after: colon)...]) else { return false }
            host = text[..<colon]
            hasPort = true
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard let first = label.first, let last = label.last,
                first.isASCIILetterOrDigit, last.isASCIILetterOrDigit,
                label.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "-" })
            else { return false }
        }
        return hasPort || labels.count > 1 || host == "localhost"
    }

    static func isPort(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
    static func isPathComponent(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last,
            first.isLowercaseAlphanumeric, last.isLowercaseAlphanumeric
        else { return false }
        var previous: Character = first
        var underscores = 0
        for character in text.dropFirst() {
            if character.isLowercaseAlphanumeric {
                underscores = 0
            } else if character == "." {
                guard previous.isLowercaseAlphanumeric else { return false }
            } else if character == "_" {
                underscores += 1
                guard underscores <= 2, previous.isLowercaseAlphanumeric || previous == "_" else { return false }
            } else if character == "-" {
                guard previous.isLowercaseAlphanumeric || previous == "-" else { return false }
            } else {
                return false
            }
            previous = character
        }
        return true
    }

    /// `[\w][\w.-]{0,127}`
    static func isTag(_ text: Substring) -> Bool {
        guard let first = text.first, text.count <= 128, first.isWordCharacter else { return false }
        return text.allSatisfy { $0.isWordCharacter || $0 == "." || $0 == "-" }
    }

    /// `algorithm:hex` with at least 32 hex digits; `sha256` needs exactly 64 lower-case ones.
    static func isDigest(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let algorithm = text[..<colon]
        let hex = text[text.index(after: colon)...]
        guard let first = algorithm.first, first.isASCIILetter,
            algorithm.allSatisfy({ $0.isASCIILetterOrDigit || "+.-_".contains($0) }),
            hex.count >= 32, hex.allSatisfy({ $0.isHexDigit && $0.isASCII })
        else { return false }
        if algorithm == "sha256" {
            return hex.count == 64 && hex.allSatisfy { $0.isNumber || ("a"..."f").contains($0) }
        }
        return true
    }
}

extension Character {
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
    fileprivate var isLowercaseAlphanumeric: Bool { isASCII && (isLowercase || isNumber) }
    fileprivate var isWordCharacter: Bool { isASCIILetterOrDigit || self == "_" }
}
