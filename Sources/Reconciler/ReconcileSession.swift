import Foundation
import GitKit
import PlaneModel
import Planning
import StateStore

/// One reconcile: plan, then (unless the plan is in sync) apply it and record the run.
public final class ReconcileSession {
    public let builder: PlanBuilder
    public let applier: Applier
    /// Commits evidence and pointers on a promotion branch after a run that did something.
    public var recorder: EvidenceRecorder?

    public init(builder: PlanBuilder, applier: Applier) {
        self.builder = builder
        self.applier = applier
    }

    /// What one reconcile did.
    public struct Result: Sendable {
        public var outcome: PlanOutcome
        /// Nil when the plan was in sync (nothing applied, nothing recorded).
        public var report: RunReport?
        /// The promotion branch the run's evidence went to.
        public var recorded: EvidenceRecorder.Recorded?
        /// Why the evidence could not be recorded (the run then counts as failed).
        public var recordingError: String?

        public var succeeded: Bool {
            guard let report else { return outcome.plan.unplaceable.isEmpty && outcome.plan.unreachable.isEmpty }
            return report.result == .succeeded && recordingError == nil && outcome.plan.unplaceable.isEmpty
                && outcome.plan.unreachable.isEmpty
        }
    }

    public func run(_ request: ReconcileRequest, identity: RunIdentity = .new()) throws(ReconcileError) -> Result {
        let outcome = try builder.build(request)
        guard !outcome.plan.inSync else {
            return Result(outcome: outcome, report: nil)
        }
        let started = Timestamps.now()
        let report = applier.apply(outcome, nodes: outcome.nodes, identity: identity)
        var result = Result(outcome: outcome, report: report)
        if let recorder {
            var target = recorder
            if target.targetBranch == nil, let ref = request.ref, Self.isBranch(ref, in: request.repositoryPath) {
                target.targetBranch = ref
            }
            do {
                result.recorded = try target.record(outcome, report, startedAt: started, reason: request.reason)
            } catch {
                result.recordingError = error.description
            }
        }
        return result
    }

    static func isBranch(_ name: String, in path: String) -> Bool {
        guard let repository = try? Repository.open(at: path) else { return false }
        return (try? repository.resolve("refs/heads/" + name)) != nil
    }
}
