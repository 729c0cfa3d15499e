import Foundation

/// Times in the store are seconds since 1970 (UTC); shown as RFC 3339.
public enum Timestamps {
    public static func now() -> Double { Date().timeIntervalSince1970 }

    public static func iso8601(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
