import Foundation
import PlaneModel
import Planning
import Executors
import Reconciler

/// `agentplane reconcile`: plan (and with `--dry-run` only print) what the fleet needs.
struct ReconcileCommand: Command {
    let spec = CommandSpec(
        name: "reconcile",
        abstract: "Reconcile the fleet to the desired state at a git revision.",
        usage: "reconcile [--repo PATH] [--ref REF] [--node N]... [--dry-run [--timings]] [--state-dir DIR] [--output text|json]",
        options: [
            OptionSpec("repo", .value(name: "URL|PATH"), help: "The desired-state repository: a local path (default: .) or a URL, mirrored under the state dir."),
            OptionSpec("ref", .value(name: "REF"), help: "Branch, tag or commit to reconcile (default: HEAD)."),
            OptionSpec("node", .repeated(name: "N"), help: "Only this node (repeatable)."),
            OptionSpec("dry-run", help: "Show the plan; change nothing on any node."),
            OptionSpec("timings", help: "With --dry-run: print how long each planning stage took, on stderr."),
            OptionSpec("watch", help: "Keep reconciling every --interval until SIGTERM or SIGINT."),
            OptionSpec("interval", .value(name: "DURATION"), help: "Time between --watch ticks (default 60s)."),
            OptionSpec("metrics-file", .value(name: "PATH"), help: "With --watch: write a Prometheus textfile after every tick."),
            OptionSpec("author", .value(name: "\"NAME <EMAIL>\""), help: "Author of promotion commits (default: git config)."),
            OptionSpec("sign-key", .value(name: "KEY"), help: "Sign evidence manifests and promotion commits with this SSH key (ssh-keygen -Y sign)."),
            OptionSpec("require-signed", help: "Refuse a revision whose commit is not signed by a key in --allowed-signers."),
            OptionSpec("allowed-signers", .value(name: "FILE"), help: "Allowed SSH signers (git's allowedSignersFile format)."),
            OptionSpec("lease-wait", .value(name: "DURATION"), help: "How long to wait for a node another reconciler holds (default 30s)."),
            StateDirectoryOption.spec,
            .output,
        ],
        discussion: """
            The plan lists, per node, what would be created (+), updated (~) and deleted (-), with a
            unified diff of every changed file, the pods policy denies and the pods no node can take.
            EXIT CODES (--dry-run): 0 in sync, 2 changes pending, 1 error (invalid state, unplaceable
            pods, an unreachable node), 64 usage.
            """
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat.parse(arguments.value("output"), command: spec.name)
        let stateDirectory = StateDirectoryOption.resolve(arguments.value("state-dir"), context: context)
        let location = try RepositoryLocation.resolve(arguments.value("repo"), stateDirectory: stateDirectory, context: context)
        var request = ReconcileRequest(
            repositoryPath: location.path, ref: arguments.value("ref"), nodes: arguments.all("node"), stateDirectory: stateDirectory)
        if arguments.flag("require-signed") {
            guard let file = arguments.value("allowed-signers") else {
                throw UsageError(command: spec.name, message: "--require-signed needs --allowed-signers FILE")
            }
            request.allowedSigners = context.absolutePath(file)
        }
        var promotionBranch: String?
        if location.isRemote {
            let target = try location.target(request.ref)
            request.ref = target.commit
            promotionBranch = target.branch
        }
        let environment = ExecutorSettings.environment(stateDirectory: request.stateDirectory, context: context)
        if arguments.flag("watch") || !arguments.flag("dry-run") {
            if arguments.flag("watch") && arguments.flag("dry-run") {
                throw UsageError(command: spec.name, message: "--watch applies changes; it cannot be combined with --dry-run")
            }
            var run = ApplyRun(request: request, environment: environment, context: context)
            run.location = location
            run.promotionBranch = promotionBranch
            run.userRef = arguments.value("ref")
            return try run.run(arguments, format: format)
        }
        request.recordsEvidence = false
        let executors = ExecutorDriver(environment: environment)
        let total = StageTimings()
        let outcome: PlanOutcome
        do {
            outcome = try PlanBuilder(observer: executors, version: AgentPlane.version).build(request)
        } catch {
            return Self.report(error, context: context)
        }
        let printing = StageTimings()
        for note in outcome.notes { context.console.err("note: \(note)\n") }
        for warning in outcome.warnings { context.console.err(warning.formatted + "\n") }
        switch format {
        case .text:
            if outcome.fastPath {
                context.console.out("in sync at \(PlanText.short(outcome.plan.revision)): nothing changed since the last run"
                    + " (\(outcome.plan.nodes.count) \(PlanText.plural(outcome.plan.nodes.count, "node")) observed)\n")
            } else {
                PlanText.write(outcome.plan, console: context.console) { context.console.out($0) }
            }
        case .json:
            context.console.out(String(decoding: PlanJSON.encode(outcome.plan), as: UTF8.self))
        }
        if arguments.flag("timings") {
            var timings = outcome.timings
            timings.append(printing, as: "print")
            timings.append(total, as: "total")
            context.console.err("timings: \(timings.text)\n")
        }
        ProcessLifetime.keep(outcome)
        if !outcome.plan.unplaceable.isEmpty || !outcome.plan.unreachable.isEmpty { return .failure }
        return outcome.plan.inSync ? .success : .changesPending
    }

    static func report(_ error: ReconcileError, context: CommandContext) -> ExitCode {
        if case .invalid(let revision, let diagnostics) = error {
            for diagnostic in diagnostics { context.console.err(diagnostic.formatted + "\n") }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let what = revision == "render" ? "rendering failed" : "the desired state at \(revision.prefix(12)) is invalid"
            context.console.err("agentplane reconcile: error: \(what): \(errors) \(PlanText.plural(errors, "error")); nothing was changed\n")
            return .failure
        }
        context.console.err("agentplane reconcile: error: \(error.description)\n")
        return .failure
    }
}
