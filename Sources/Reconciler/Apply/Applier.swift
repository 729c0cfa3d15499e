import Foundation
import PlaneModel
import Planning
import StateStore

/// The second half of a reconcile: applies exactly a plan, node by node, journaling every action
/// before and after it touches the node, under the node's lease.
///
/// A node is refused (and reported) when its lease is held elsewhere or when it no longer looks
/// the way it did when planned (its observation digest changed): apply never runs a stale plan.
/// Only retryable failures are retried; a failed action stops the rest of that node's changes,
/// and one failing node does not stop the others. Smoke checks of the bundles that changed run
/// after a node settles; a failing check fails the run.
public final class Applier {
    public let driver: any NodeDriver
    public let store: StateStore
    public var retry = RetryPolicy()
    public var leaseTTL: Double = 600
    public var leaseWait: Double = 30
    /// Values that must never reach the journal or output (secret-looking environment values).
    public var secrets: [String] = []
    /// Checked between actions: when true, the run stops cleanly and is recorded as cancelled.
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Fault injection for crash-safety tests: the process kills itself with SIGKILL at this
    /// action boundary (2·i: action i journaled but not run; 2·i+1: run but its outcome not
    /// journaled). Set from `AGENTPLANE_FAULT_KILL_AT`; never set in production.
    public var killAtBoundary: Int?
    private var boundary = 0

    public init(driver: any NodeDriver, store: StateStore) {
        self.driver = driver
        self.store = store
    }

    public func apply(_ outcome: PlanOutcome, nodes: [Fleet.Node], identity: RunIdentity) -> RunReport {
        let plan = outcome.plan
        let byName = Dictionary(nodes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var report = RunReport(runID: identity.runID, revision: plan.revision)
        _ = try? store.markAbandonedRuns(host: identity.host)
        let touched = plan.nodes.filter { !$0.changes.isEmpty }
        do {
            try store.beginRun(RunRecord(
                id: identity.runID, revision: plan.revision, nodes: touched.map(\.node), startedAt: Timestamps.now(),
                result: .running, holder: identity.holder))
        } catch {
            report.failures.append(NodeFailure(node: "*", message: error.description))
            return report
        }
        event(identity, nil, .executionStart, .start, "apply \(plan.count(.create)) create, \(plan.count(.update)) update, \(plan.count(.delete)) delete")
        for nodePlan in touched {
            if shouldStop() {
                report.cancelled = true
                break
            }
            guard let node = byName[nodePlan.node] else { continue }
            let result = applyNode(nodePlan, node: node, outcome: outcome, identity: identity)
            report.merge(result)
        }
        let result: RunResult = report.cancelled ? .cancelled : (report.failures.isEmpty && report.smokeFailures.isEmpty ? .succeeded : .failed)
        event(identity, nil, report.cancelled ? .executionCancel : .executionStart, result == .succeeded ? .complete : (report.cancelled ? .cancel : .failure), report.summary)
        try? store.finishRun(identity.runID, result: result, summary: report.summary)
        report.result = result
        return report
    }

    // MARK: - One node

    private func applyNode(_ nodePlan: NodePlan, node: Fleet.Node, outcome: PlanOutcome, identity: RunIdentity) -> RunReport {
        var report = RunReport(runID: identity.runID, revision: nodePlan.revision)
        let lease: Lease
        do {
            lease = try store.acquireLease(node: node.name, holder: identity.holder, ttl: leaseTTL, wait: leaseWait)
        } catch {
            report.failures.append(NodeFailure(node: node.name, message: error.description))
            return report
        }
        defer { try? store.release(lease) }

        // Refuse a stale plan: the node must still look the way it did when planned.
        do {
            let now = try driver.observe(node)
            guard now.digest == nodePlan.observedDigest else {
                report.failures.append(NodeFailure(
                    node: node.name, message: "the node changed since the plan was made (observed digest differs); nothing applied, run again"))
                return report
            }
        } catch {
            report.failures.append(NodeFailure(node: node.name, message: "cannot observe before apply: \(error.description)"))
            return report
        }

        var applied: [Change] = []
        for (sequence, change) in nodePlan.changes.enumerated() {
            if shouldStop() {
                report.cancelled = true
                break
            }
            let entry = try? store.recordIntent(
                runID: identity.runID, node: node.name, sequence: sequence, action: change.action.rawValue, path: change.path,
                digest: change.afterDigest ?? change.beforeDigest)
            crossBoundary()
            let deadline = Date().timeIntervalSince1970 + Double(change.timeoutSeconds)
            do {
                let attempts = try retry.run(deadline: deadline, onRetry: { attempt, failure in
                    self.event(identity, node.name, .containerRun, .retry, "\(change.path): attempt \(attempt) failed: \(failure.message)")
                }) { remaining throws(DriverFailure) in
                    try driver.apply(change, on: node, timeout: remaining)
                }
                crossBoundary()
                if let entry { try? store.recordOutcome(entry, outcome: .done, attempts: attempts) }
                event(identity, node.name, kind(of: change), .progress, "\(change.action.rawValue) \(change.path)")
                applied.append(change)
                report.applied.append(AppliedChange(node: node.name, change: change))
            } catch {
                let message = Redaction.redact(error.message, secrets: secrets)
                if let entry { try? store.recordOutcome(entry, outcome: .failed, detail: message) }
                event(identity, node.name, kind(of: change), .failure, "\(change.path): \(message)")
                report.failures.append(NodeFailure(node: node.name, message: "\(change.action.rawValue) \(change.path): \(message)"))
                break
            }
        }
        if !applied.isEmpty {
            let timeout = Double(applied.map(\.timeoutSeconds).max() ?? 300)
            do {
                try driver.settle(applied, on: node, timeout: timeout)
            } catch {
                let message = Redaction.redact(error.message, secrets: secrets)
                report.failures.append(NodeFailure(node: node.name, message: "settle: \(message)"))
            }
        }
        if report.failures.isEmpty && !report.cancelled {
            report.smoke += smoke(node: node, changed: nodePlan.changes, outcome: outcome)
        }
        let failed = !report.failures.isEmpty || report.smoke.contains { !$0.passed }
        try? store.recordStatus(NodeStatus(
            node: node.name, revision: nodePlan.revision, runID: identity.runID,
            result: failed ? .failed : (report.cancelled ? .cancelled : .succeeded), at: Timestamps.now(),
            drifted: nodePlan.changes.filter { $0.reason == "drift" }.count,
            pending: nodePlan.changes.count - applied.count))
        return report
    }

    private func smoke(node: Fleet.Node, changed: [Change], outcome: PlanOutcome) -> [SmokeResult] {
        let bundles = Set(changed.compactMap(\.bundle))
        let targets = outcome.smoke.filter { $0.node == node.name && bundles.contains($0.bundle) }
        return targets.map { target in
            do {
                let result = try driver.exec(
                    pod: target.check.pod, container: target.check.container, argv: target.check.exec, on: node,
                    timeout: Double(target.check.timeoutSeconds))
                let output = Redaction.truncate(Redaction.redact(result.output, secrets: secrets))
                return SmokeResult(target: target, passed: result.status == 0, status: result.status, output: output)
            } catch {
                let output = Redaction.truncate(Redaction.redact(String(describing: error), secrets: secrets))
                return SmokeResult(target: target, passed: false, status: nil, output: output)
            }
        }
    }

    private func crossBoundary() {
        defer { boundary += 1 }
        if let killAtBoundary, boundary == killAtBoundary {
            kill(getpid(), SIGKILL)
        }
    }

    private func kind(of change: Change) -> OperationKind {
        switch change.kind {
        case .quadletContainer, .deployment, .pod, .quadletPod, .job: .containerRun
        default: .executionStart
        }
    }

    private func event(_ identity: RunIdentity, _ node: String?, _ kind: OperationKind, _ phase: OperationPhase, _ message: String) {
        try? store.record(OperationEvent(
            runID: identity.runID, node: node, kind: kind, phase: phase, at: Timestamps.now(),
            message: Redaction.redact(message, secrets: secrets)))
    }
}
