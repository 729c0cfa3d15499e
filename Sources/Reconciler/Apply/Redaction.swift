/// Keeps secret values and runaway output out of logs, the database and evidence.
public enum Redaction {
    /// At most `limit` bytes of `text` (on a character boundary), marked when cut.
    public static func truncate(_ text: String, limit: Int = 4096) -> String {
        guard text.utf8.count > limit else { return text }
        var out = ""
        for character in text {
            if out.utf8.count + String(character).utf8.count > limit { break }
            out.append(character)
        }
        return out + "\n… [truncated: \(text.utf8.count) bytes in all]"
    }

    /// `text` with every occurrence of each secret (values of at least 4 bytes) replaced.
    public static func redact(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets.filter({ $0.utf8.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            out = out.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return out
    }

    /// Values of environment variables whose names look secret (TOKEN, PASSWORD, SECRET, KEY…),
    /// from this process's environment: smoke-check output must never echo them.
    public static func secretValues(in environment: [String: String]) -> [String] {
        let markers = ["TOKEN", "PASSWORD", "PASSWD", "SECRET", "KEY", "CREDENTIAL", "PRIVATE", "AUTH"]
        return environment.compactMap { name, value in
            let upper = name.uppercased()
            return markers.contains(where: { upper.contains($0) }) ? value : nil
        }
    }
}
