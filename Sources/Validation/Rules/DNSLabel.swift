/// RFC 1123 labels, the names Kubernetes, Podman and systemd units all accept.
public enum DNSLabel {
    /// The longest label: 63 characters.
    public static let maxLength = 63

    /// Whether `name` is a DNS-1123 label: 1–63 of `a-z`, `0-9` and `-`, starting and ending
    /// with a letter or digit.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maxLength else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return alphanumeric(first) && alphanumeric(last) && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// The explanation appended to messages about invalid names.
    static let rule =
        "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"
}
