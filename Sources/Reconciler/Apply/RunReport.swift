import PlaneModel
import Planning
import StateStore

/// What an apply did: every applied change, every failure, every smoke result.
public struct RunReport: Sendable {
    public var runID: String
    public var revision: String
    public var applied: [AppliedChange] = []
    public var failures: [NodeFailure] = []
    public var smoke: [SmokeResult] = []
    public var cancelled = false
    public var result: RunResult = .running

    public init(runID: String, revision: String) {
        self.runID = runID
        self.revision = revision
    }

    public var smokeFailures: [SmokeResult] { smoke.filter { !$0.passed } }

    mutating func merge(_ other: RunReport) {
        applied += other.applied
        failures += other.failures
        smoke += other.smoke
        cancelled = cancelled || other.cancelled
    }

    public var summary: String {
        var parts = ["\(applied.count) applied"]
        if !failures.isEmpty { parts.append("\(failures.count) failed") }
        if !smoke.isEmpty { parts.append("\(smoke.count - smokeFailures.count)/\(smoke.count) smoke checks passed") }
        if cancelled { parts.append("cancelled") }
        return parts.joined(separator: ", ")
    }
}

public struct AppliedChange: Hashable, Sendable {
    public var node: String
    public var change: Change
}

public struct NodeFailure: Hashable, Sendable {
    public var node: String
    public var message: String
}
