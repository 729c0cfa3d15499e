import Foundation

/// The Prometheus textfile of the watch loop (node_exporter's textfile collector format),
/// written atomically so a scraper never reads half a file.
public struct Metrics: Sendable {
    public var reconciles: [String: Int] = [:]
    public var lastDurationSeconds: Double = 0
    public var driftedObjects: Int = 0
    public var pendingChanges: Int = 0
    public var lastSuccessTimestamp: Double?

    public init() {}

    public mutating func record(result: String, duration: Double, drifted: Int, pending: Int, at: Double) {
        reconciles[result, default: 0] += 1
        lastDurationSeconds = duration
        driftedObjects = drifted
        pendingChanges = pending
        if result == "success" || result == "in_sync" { lastSuccessTimestamp = at }
    }

    public var text: String {
        var out = "# HELP agentplane_reconciles_total Reconcile runs by result.\n# TYPE agentplane_reconciles_total counter\n"
        for result in ["success", "in_sync", "failed", "error"] {
            out += "agentplane_reconciles_total{result=\"\(result)\"} \(reconciles[result] ?? 0)\n"
        }
        out += "# HELP agentplane_reconcile_duration_seconds Duration of the last reconcile.\n# TYPE agentplane_reconcile_duration_seconds gauge\n"
        out += "agentplane_reconcile_duration_seconds \(format(lastDurationSeconds))\n"
        out += "# HELP agentplane_drifted_objects Owned objects found edited by hand in the last reconcile.\n# TYPE agentplane_drifted_objects gauge\n"
        out += "agentplane_drifted_objects \(driftedObjects)\n"
        out += "# HELP agentplane_pending_changes Changes planned but not applied after the last reconcile.\n# TYPE agentplane_pending_changes gauge\n"
        out += "agentplane_pending_changes \(pendingChanges)\n"
        out += "# HELP agentplane_last_success_timestamp_seconds When a reconcile last succeeded (Unix time).\n# TYPE agentplane_last_success_timestamp_seconds gauge\n"
        out += "agentplane_last_success_timestamp_seconds \(format(lastSuccessTimestamp ?? 0))\n"
        return out
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Writes the textfile atomically (temp file in the same folder, then rename).
    public func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
