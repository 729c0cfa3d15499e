import Foundation
import PlaneModel
import Planning
import StateStore

/// One reconcile: plan, then (unless the plan is in sync) apply it and record the run.
public final class ReconcileSession {
    public let builder: PlanBuilder
    public let applier: Applier

    public init(builder: PlanBuilder, applier: Applier) {
        self.builder = builder
        self.applier = applier
    }

    /// What one reconcile did.
    public struct Result: Sendable {
        public var outcome: PlanOutcome
        /// Nil when the plan was in sync (nothing applied, nothing recorded).
        public var report: RunReport?

        public var succeeded: Bool {
            guard let report else { return outcome.plan.unplaceable.isEmpty && outcome.plan.unreachable.isEmpty }
            return report.result == .succeeded && outcome.plan.unplaceable.isEmpty && outcome.plan.unreachable.isEmpty
        }
    }

    public func run(_ request: ReconcileRequest, identity: RunIdentity = .new()) throws(ReconcileError) -> Result {
        let outcome = try builder.build(request)
        guard !outcome.plan.inSync else {
            return Result(outcome: outcome, report: nil)
        }
        let report = applier.apply(outcome, nodes: outcome.nodes, identity: identity)
        return Result(outcome: outcome, report: report)
    }
}
