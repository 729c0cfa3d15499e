/// Tells passing failures from lasting ones by what the program printed on stderr.
///
/// kubectl, podman and systemctl report connection and lock trouble only in text, so the
/// classification matches known phrases (case-insensitively). Anything not recognised is
/// terminal: retrying an unknown failure blindly hides real errors.
enum RetryableFailure {
    /// Phrases of trouble that goes away by waiting.
    static let phrases: [String] = [
        // Networks and API servers (kubectl, podman --connection, ssh).
        "unable to connect to the server",
        "connection refused",
        "connection reset",
        "connection timed out",
        "i/o timeout",
        "tls handshake timeout",
        "no route to host",
        "network is unreachable",
        "temporary failure in name resolution",
        "the server is currently unable to handle the request",
        "etcdserver: request timed out",
        "too many requests",
        "service unavailable",
        "context deadline exceeded",
        // Locks and busy resources (podman's storage and pod locks, systemd jobs).
        "resource temporarily unavailable",
        "database is locked",
        "is locked",
        "acquiring lock",
        "acquire lock",
        "lock is held",
        "waiting for lock",
        "transaction is destructive",
    ]

    /// True when `stderr` names trouble that may pass.
    static func isPassing(stderr: String) -> Bool {
        let lowered = stderr.lowercased()
        return phrases.contains { lowered.contains($0) }
    }
}
