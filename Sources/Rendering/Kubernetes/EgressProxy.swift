/// The egress proxy of an allowlist profile, parsed from `spec.network.proxy`
/// (`scheme://[user@]host[:port][/]`), so a NetworkPolicy can name its port (and its address,
/// when the host is an IP literal).
public struct EgressProxy: Hashable, Sendable {
    /// The URL as written in the profile: what containers get in `HTTP_PROXY` and friends.
    public var url: String
    /// Host without brackets, e.g. `proxy.corp.example`, `10.0.0.5` or `fd00::1`.
    public var host: String
    public var port: Int
    /// The host as a CIDR of one address (`10.0.0.5/32`, `fd00::1/128`), or nil for a DNS name.
    public var cidr: String?

    /// Default ports of the proxy schemes we know, used when the URL names none.
    static let defaultPorts = ["http": 80, "https": 443, "socks5": 1080, "socks5h": 1080]

    /// Parses `url`, or returns nil when it is not `scheme://host[:port]` with an optional `/`.
    public init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = Substring(url[schemeEnd.upperBound...])
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("?"), !rest.contains("#") else { return nil }

        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
            guard Self.isIPv6(host) else { return nil }
        } else {
            if let colon = rest.lastIndex(of: ":") {
                host = rest[..<colon]
                portText = rest[rest.index(after: colon)...]
            } else {
                host = rest
            }
            guard !host.isEmpty, !host.contains(":") else { return nil }
        }

        let port: Int
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.allSatisfy(\.isASCII) else {
                return nil
            }
            port = value
        } else {
            guard let value = Self.defaultPorts[scheme] else { return nil }
            port = value
        }

        self.url = url
        self.host = String(host)
        self.port = port
        if Self.isIPv4(host) {
            cidr = "\(host)/32"
        } else if Self.isIPv6(host) {
            cidr = "\(host)/128"
        } else {
            cidr = nil
        }
    }

    /// Four dot-separated decimal octets.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber }
                    && (Int(part) ?? 256) <= 255
            }
    }

    /// Hex groups and colons (with at most one `::`); enough to tell an address from a name.
    static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(":"), text.count <= 39 else { return false }
        return text.allSatisfy { $0 == ":" || $0.isHexDigit }
            && text.components(separatedBy: "::").count <= 2
    }
}
