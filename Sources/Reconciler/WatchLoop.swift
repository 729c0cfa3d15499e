import Foundation
import PlaneModel
import Planning

/// `reconcile --watch`: reconcile every interval until stopped.
///
/// Each tick refreshes the repository (a fetch for a remote), plans against the ref (the fast
/// path makes an unchanged tick cheap) and applies what changed, so drift is corrected on the next
/// tick. When the remote is down or the new revision is invalid, the loop keeps reconciling the
/// last good revision. Errors back off exponentially with jitter up to a cap; a success resets the
/// pace. A stop request (SIGTERM, SIGINT) lets the current action finish, releases the leases and
/// ends the loop.
public final class WatchLoop {
    public let session: ReconcileSession
    public let stop: StopSignal
    public var interval: Double
    public var backoffCap: Double = 600
    /// Run before every tick: fetches a remote and pins the ref to the commit it names now.
    public var prepare: (ReconcileRequest) throws -> ReconcileRequest = { $0 }
    public var metricsFile: String?
    public var log: (String) -> Void = { _ in }
    /// Stops after this many ticks (tests); nil runs until stopped.
    public var maxTicks: Int?

    public private(set) var metrics = Metrics()
    public private(set) var lastGoodRevision: String?

    public init(session: ReconcileSession, stop: StopSignal, interval: Double) {
        self.session = session
        self.stop = stop
        self.interval = interval
    }

    public func run(_ request: ReconcileRequest) {
        var consecutiveErrors = 0
        var ticks = 0
        session.applier.shouldStop = { [stop] in stop.isStopped }
        while !stop.isStopped {
            let started = Date().timeIntervalSince1970
            let ok = tick(request)
            consecutiveErrors = ok ? 0 : consecutiveErrors + 1
            ticks += 1
            if let maxTicks, ticks >= maxTicks { break }
            let pause = consecutiveErrors == 0 ? interval : backoff(consecutiveErrors)
            if consecutiveErrors > 0 { log("retrying in \(Int(pause.rounded())) s (error \(consecutiveErrors) in a row)") }
            _ = started
            if stop.sleep(pause) { break }
        }
        log("stopping: leases released, exit")
    }

    /// min(cap, interval · 2^(n-1)) with ±25% jitter.
    func backoff(_ errors: Int) -> Double {
        let raw = min(backoffCap, interval * pow(2, Double(max(0, errors - 1))))
        return raw * Double.random(in: 0.75...1.25)
    }

    /// One tick; true when it ended well (in sync, or applied with success).
    @discardableResult
    public func tick(_ request: ReconcileRequest) -> Bool {
        let started = Date().timeIntervalSince1970
        var target = request
        do {
            target = try prepare(request)
        } catch {
            log("cannot refresh the repository: \(error)")
            guard let lastGood = lastGoodRevision else {
                record("error", started: started, drifted: 0, pending: 0)
                return false
            }
            log("keeping the last good revision \(lastGood.prefix(12))")
            target.ref = lastGood
        }
        do {
            let result: ReconcileSession.Result
            do {
                result = try session.run(target)
            } catch .invalid(let revision, let diagnostics) where lastGoodRevision != nil && target.ref != lastGoodRevision {
                for diagnostic in diagnostics.prefix(20) { log(diagnostic.formatted) }
                let lastGood = lastGoodRevision ?? ""
                log("revision \(revision.prefix(12)) is invalid; reconciling the last good revision \(lastGood.prefix(12))")
                target.ref = lastGood
                result = try session.run(target)
                report(result, started: started)
                return false
            }
            report(result, started: started)
            if result.succeeded { lastGoodRevision = result.outcome.plan.revision }
            return result.succeeded
        } catch {
            if case .invalid(_, let diagnostics) = error {
                for diagnostic in diagnostics.prefix(20) { log(diagnostic.formatted) }
            }
            log("reconcile failed: \(error.description)")
            record("error", started: started, drifted: 0, pending: 0)
            return false
        }
    }

    private func report(_ result: ReconcileSession.Result, started: Double) {
        let plan = result.outcome.plan
        let drifted = plan.nodes.reduce(0) { $0 + $1.changes.filter { $0.reason == "drift" }.count }
        guard let run = result.report else {
            log(result.outcome.fastPath
                ? "in sync at \(plan.revision.prefix(12)) (nothing changed)"
                : "in sync at \(plan.revision.prefix(12))")
            record(result.succeeded ? "in_sync" : "failed", started: started, drifted: 0, pending: 0)
            return
        }
        log("run \(run.runID) at \(plan.revision.prefix(12)): \(run.summary) → \(run.result.rawValue)")
        for failure in run.failures { log("  node \(failure.node): \(failure.message)") }
        let pending = plan.nodes.reduce(0) { $0 + $1.changes.count } - run.applied.count
        record(run.result == .succeeded ? "success" : "failed", started: started, drifted: drifted, pending: pending)
    }

    private func record(_ result: String, started: Double, drifted: Int, pending: Int) {
        let now = Date().timeIntervalSince1970
        metrics.record(result: result, duration: now - started, drifted: drifted, pending: pending, at: now)
        if let metricsFile {
            do {
                try metrics.write(to: metricsFile)
            } catch {
                log("cannot write metrics to \(metricsFile): \(error.localizedDescription)")
            }
        }
    }
}
