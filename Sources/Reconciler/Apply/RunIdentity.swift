import Foundation

/// A run's id and the holder string its leases carry (`host:pid:run`).
public struct RunIdentity: Hashable, Sendable {
    public var runID: String
    public var host: String
    public var pid: Int32

    public init(runID: String, host: String, pid: Int32) {
        self.runID = runID
        self.host = host
        self.pid = pid
    }

    /// A new identity: `<UTC time to the millisecond>-<random>` on this host and process, so run
    /// ids sort by time.
    public static func new(now: Date = Date()) -> RunIdentity {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let padded = String(repeating: "0", count: max(0, 8 - suffix.count)) + suffix
        return RunIdentity(
            runID: "\(formatter.string(from: now))-\(padded)", host: ProcessInfo.processInfo.hostName,
            pid: ProcessInfo.processInfo.processIdentifier)
    }

    public var holder: String { "\(host):\(pid):\(runID)" }
}
