import Executors
import Foundation
import Planning
import Reconciler
import StateStore

/// `reconcile` without `--dry-run` (once, or `--watch`): plan, apply, record.
struct ApplyRun {
    var request: ReconcileRequest
    var environment: ExecutorEnvironment
    var context: CommandContext
    /// Where the repository is; a remote one is fetched every watch tick and promotion branches
    /// are pushed to it.
    var location: RepositoryLocation?
    var promotionBranch: String?
    /// The `--ref` as the user gave it (re-resolved against a remote every tick).
    var userRef: String?

    func run(_ arguments: ParsedArguments, format: OutputFormat) throws -> ExitCode {
        var leaseWait: Double?
        if let text = arguments.value("lease-wait") {
            guard let wait = DurationArgument.seconds(text) else {
                throw UsageError(command: "reconcile", message: "--lease-wait takes a duration such as 30s, not '\(text)'")
            }
            leaseWait = wait
        }
        let author = try AuthorOption.parse(arguments.value("author"))
        let driver = ExecutorDriver(environment: environment)
        // An in-sync run applies and records nothing: answer from the fast path before opening
        // (and checking) the state database. Anything else, errors included, takes the full path.
        if !arguments.flag("watch"),
            let outcome = try? PlanBuilder(observer: driver, version: AgentPlane.version).inSyncFastPath(request)
        {
            for note in outcome.notes { context.console.err("note: \(note)\n") }
            context.console.out(format == .json
                ? String(decoding: PlanJSON.encode(outcome.plan), as: UTF8.self)
                : "in sync at \(PlanText.short(outcome.plan.revision)): nothing changed since the last run\n")
            return .success
        }
        let store: StateStore
        do {
            store = try StateStore.open(directory: request.stateDirectory)
        } catch {
            throw CommandFailure(message: error.description)
        }
        if let aside = store.recoveredFrom {
            context.console.err("warning: the state database was damaged; moved to \(aside) and rebuilt (git and the nodes are the truth)\n")
        }
        let applier = Applier(driver: driver, store: store)
        applier.secrets = Redaction.secretValues(in: context.environment.isEmpty ? ProcessInfo.processInfo.environment : context.environment)
        if let leaseWait { applier.leaseWait = leaseWait }
        applier.killAtBoundary = context.environment["AGENTPLANE_FAULT_KILL_AT"].flatMap { Int($0) }
        let session = ReconcileSession(builder: PlanBuilder(observer: driver, version: AgentPlane.version), applier: applier)
        var recorder = EvidenceRecorder(
            repositoryPath: request.repositoryPath, targetBranch: promotionBranch,
            author: author, version: AgentPlane.version)
        if location?.isRemote == true { recorder.pushRemote = "origin" }
        recorder.signKey = arguments.value("sign-key").map(context.absolutePath)
        session.recorder = recorder

        if arguments.flag("watch") {
            let text = arguments.value("interval") ?? "60s"
            guard let interval = DurationArgument.seconds(text), interval > 0 else {
                throw UsageError(command: "reconcile", message: "--interval takes a duration such as 60s, 5m or 1h, not '\(text)'")
            }
            let stop = StopSignal()
            stop.installSignalHandlers()
            let loop = WatchLoop(session: session, stop: stop, interval: interval)
            loop.metricsFile = arguments.value("metrics-file").map(context.absolutePath)
            if let location, let url = location.url {
                let stateDirectory = request.stateDirectory
                let userRef = userRef
                let context = context
                loop.prepare = { request in
                    let fresh = try RepositoryLocation.resolve(url, stateDirectory: stateDirectory, context: context)
                    var next = request
                    next.ref = try fresh.target(userRef).commit
                    return next
                }
            }
            let console = context.console
            loop.log = { line in console.err("\(Timestamps.iso8601(Timestamps.now())) \(line)\n") }
            loop.run(request)
            return .success
        }

        let result: ReconcileSession.Result
        do {
            result = try session.run(request)
        } catch {
            return ReconcileCommand.report(error, context: context)
        }
        let plan = result.outcome.plan
        for note in result.outcome.notes { context.console.err("note: \(note)\n") }
        if format == .json {
            context.console.out(String(decoding: PlanJSON.encode(plan), as: UTF8.self))
        }
        guard let report = result.report else {
            if format == .text {
                context.console.out(result.outcome.fastPath
                    ? "in sync at \(PlanText.short(plan.revision)): nothing changed since the last run\n"
                    : PlanText.render(plan, console: context.console))
            }
            return result.succeeded ? .success : .failure
        }
        if format == .text {
            context.console.out(PlanText.render(plan, console: context.console))
            context.console.out("\n" + RunText.render(report, console: context.console))
        }
        if let recorded = result.recorded {
            context.console.out("evidence: \(recorded.files.count) files committed on \(recorded.branch) (\(recorded.commit.prefix(12))); "
                + "review with `agentplane promote show \(recorded.branch)`\n")
        }
        if let error = result.recordingError {
            context.console.err("agentplane reconcile: error: the run's evidence could not be committed: \(error)\n")
        }
        return result.succeeded ? .success : .failure
    }
}
