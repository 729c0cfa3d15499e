import Admission
import DesiredState
import Executors
import Formats
import GitKit
import Placement
import PlaneModel
import Planning
import Rendering
import Validation

/// The first half of every reconcile: load → validate → admit → place → render → observe →
/// plan. Nothing here changes a node; `reconcile --dry-run` prints what this returns.
///
/// Stages: nodes of the fleet's first stage reconcile the requested ref; nodes of a later stage
/// reconcile the revision its pointer file names (`state/pointers/stages/<stage>.json` at the
/// requested ref), or are left alone while nothing has been promoted to it. The fleet itself
/// always comes from the requested ref.
public struct PlanBuilder: Sendable {
    public var observer: any NodeObserver
    public var version: String

    public init(observer: any NodeObserver, version: String) {
        self.observer = observer
        self.version = version
    }

    public func build(_ request: ReconcileRequest) throws(ReconcileError) -> PlanOutcome {
        let run = try prepare(request)
        if let outcome = try fastPath(run) {
            return outcome
        }
        // The schemas compile on another core while the desired state is read from git.
        SchemaCatalog.compileInBackground()
        let early = observeEarly(run)
        return try fullPlan(
            target: run.target, stages: run.stages, request: request, cache: run.cache, key: run.key, early: early)
    }

    /// What every plan starts from: the target revision, the fleet's stages and the revision
    /// each reconciles (signatures checked with `--require-signed`), and the run key.
    func prepare(_ request: ReconcileRequest) throws(ReconcileError) -> PreparedRun {
        let repository: Repository
        do {
            repository = try Repository.open(at: request.repositoryPath)
        } catch {
            throw .git(error)
        }
        let target = try RevisionSource(repository: repository, revision: request.ref ?? "HEAD")
        let cache = FastPathCache(directory: request.stateDirectory)
        let fleet = try fleetFacts(target, cache: cache)
        var stages = try stageRevisions(target, stages: fleet.stages)
        if let pinned = request.pinnedRevision {
            let source = try RevisionSource(repository: repository, revision: pinned)
            stages = stages.map { ($0.stage, source) }
        }
        if let allowed = request.allowedSigners {
            for source in Set(stages.compactMap { $0.source?.commit }) {
                try SignedRevision.require(source, in: repository, allowedSigners: allowed)
            }
        }
        return PreparedRun(
            target: target, stages: stages, fleet: fleet, filter: request.nodes, cache: cache,
            key: runKey(stages: stages, filter: request.nodes))
    }

    // MARK: - Stages

    /// The revision each of the fleet's `stages` reconciles, in order; nil for a stage with
    /// nothing promoted. The first stage reconciles `target` itself (no pointer is read).
    private func stageRevisions(
        _ target: RevisionSource, stages: [String]
    ) throws(ReconcileError) -> [(stage: String, source: RevisionSource?)] {
        var out: [(String, RevisionSource?)] = []
        for (index, stage) in stages.enumerated() {
            if index == 0 {
                out.append((stage, target))
                continue
            }
            guard let pointer = try StagePointer.read(stage: stage, in: target.repository, at: target.commit) else {
                out.append((stage, nil))
                continue
            }
            out.append((stage, try RevisionSource(repository: target.repository, revision: pointer.revision)))
        }
        return out
    }

    private func runKey(stages: [(stage: String, source: RevisionSource?)], filter: [String]) -> String {
        var lines = ["agentplane \(version)"]
        for (stage, source) in stages {
            lines.append("\(stage) \(source?.desiredTree?.hex ?? "-") \(source?.fleetTree?.hex ?? "-")")
        }
        lines.append("nodes \(filter.sorted().joined(separator: ","))")
        return PlanDigest.of(lines: lines)
    }

    private func selectedNodes(
        _ fleet: Fleet, _ filter: [String], planned stages: [(stage: String, source: RevisionSource?)]
    ) throws(ReconcileError) -> [Fleet.Node] {
        try selectedNodes(fleet.nodes, filter, planned: stages)
    }

    /// The nodes of `all` that the filter names (every node when empty) and whose stage has a
    /// revision, by name; a filter naming no node of the fleet is an error.
    func selectedNodes(
        _ all: [Fleet.Node], _ filter: [String], planned stages: [(stage: String, source: RevisionSource?)]
    ) throws(ReconcileError) -> [Fleet.Node] {
        let known = all.map(\.name).sorted()
        for name in filter where !known.contains(name) {
            throw .unknownNode(name, known: known)
        }
        let active = Set(stages.filter { $0.source != nil }.map(\.stage))
        return all
            .filter { (filter.isEmpty || filter.contains($0.name)) && active.contains($0.stage) }
            .sorted { $0.name < $1.name }
    }

    /// What was rendered for a node, by path, with the content digest its format defines.
    static func knownContents(_ objects: [DesiredObject]) -> [String: KnownContent] {
        var known: [String: KnownContent] = [:]
        known.reserveCapacity(objects.count)
        for object in objects {
            guard let digest = object.object.labels[OwnershipLabel.digest] else { continue }
            known[object.object.path] = KnownContent(bytes: object.object.bytes, digest: digest)
        }
        return known
    }

    // MARK: - The full pipeline

    private func fullPlan(
        target: RevisionSource, stages: [(stage: String, source: RevisionSource?)], request: ReconcileRequest,
        cache: FastPathCache, key: String, early: EarlyObservation?
    ) throws(ReconcileError) -> PlanOutcome {
        var timings = StageTimings()
        var reports: [String: ValidationReport] = [:]
        let (targetReport, targetFiles) = try target.load(digests: request.recordsEvidence, timings: &timings)
        reports[target.commit.hex] = targetReport
        guard let fleet = targetReport.documents.fleet else {
            throw .invalid(revision: target.commit.hex, diagnostics: [
                Diagnostic(file: "fleet/inventory.json", code: "fleet", message: "the repository has no fleet inventory")
            ])
        }
        let nodes = try selectedNodes(fleet, request.nodes, planned: stages)
        let selected = Set(nodes.map(\.name))
        // Observing waits on file systems and runtimes: it runs on other threads while the
        // desired state is admitted, placed and rendered (local folders since before it was read).
        let deferred = Self.deferredNodes(nodes)
        let observing = observeRest(nodes, early: early)
        var notes: [String] = []
        var warnings = targetReport.diagnostics.filter { $0.severity != .error }
        var activations: [ActivationDecision] = []
        var placements: [PlacementDecision] = []
        var nodePlans: [NodePlan] = []
        var denied: [String: ActivationDecision] = [:]
        var unplaceable: [PlacementDecision] = []
        var smoke: [SmokeTarget] = []
        var rendered: [String: [String: String]] = [:]

        for (stage, source) in stages {
            guard let source else {
                notes.append("stage \(stage): nothing promoted yet; its nodes are left as they are")
                continue
            }
            let report: ValidationReport
            if let cached = reports[source.commit.hex] {
                report = cached
            } else {
                report = try source.load(digests: false, timings: &timings).report
                reports[source.commit.hex] = report
                warnings += report.diagnostics.filter { $0.severity != .error }
            }
            let documents = report.documents
            let decisions = Admitter(documents: documents).admit(documents.pods)
            activations += decisions
            for decision in decisions where !decision.allowed { denied[decision.pod] = decision }
            let allowedNames = Set(decisions.filter(\.allowed).map(\.pod))
            // Every pod allowed (the usual case): the documents' own array, not a copy of it.
            let allowed =
                allowedNames.count == documents.pods.count ? documents.pods : documents.pods.filter { allowedNames.contains($0.name) }
            timings.mark("admit")
            // Placement is sequential (each pod takes capacity from the next); rendering of the
            // pods already placed runs beside it on another core, and the rest on every core.
            let renderer = StageRendering(documents: documents, fleet: fleet, only: selected)
            let rendering = StreamingMap(batchSize: 128, renderer.render)
            let stagePlacements = Placer(fleet: fleet).place(allowed, stage: stage) { rendering.append($0) }
            timings.mark("place")
            placements += stagePlacements
            unplaceable += stagePlacements.filter { !$0.placed }
            smoke += Self.smokeTargets(stagePlacements, documents: documents)

            let objects = try StageRendering.collect(rendering.finish())
            timings.mark("render")
            if request.recordsEvidence {
                for (node, list) in objects {
                    let digests = list.concurrentMap { $0.object.digest }
                    rendered[node] = Dictionary(zip(list.map(\.object.path), digests), uniquingKeysWith: { a, _ in a })
                }
            }
            var observations = observing.wait().observations
            timings.mark("observe (waited for)")
            let toSettle = nodes.compactMap { node -> (node: String, observation: NodeObservation)? in
                guard node.stage == stage, deferred.contains(node.name), let observation = observations[node.name],
                    ObservedDigests.hasDeferred(observation)
                else { return nil }
                return (node.name, observation)
            }
            let settledNow = toSettle.concurrentMap(minimumCount: 8) { node, observation in
                ObservedDigests.settle(observation, knowing: Self.knownContents(objects[node] ?? []))
            }
            for ((node, _), observation) in zip(toSettle, settledNow) { observations[node] = observation }
            timings.mark("settle digests")
            // Each node's plan is its own pure diff: on every core, in node order.
            let observed = nodes.compactMap { node in node.stage == stage ? observations[node.name].map { (node, $0) } : nil }
            let revision = source.commit.hex
            nodePlans += observed.concurrentMap(minimumCount: 16) { node, observation in
                Planner.plan(node: node, revision: revision, desired: objects[node.name] ?? [], observed: observation)
            }
            timings.mark("plan")
            // Every rendered file and every file read, freed object by object, is a tenth of a
            // second at 10,000 pods that the caller need not wait for.
            BackgroundRelease.release((consume objects, consume observations, consume observed, consume toSettle, consume settledNow))
        }
        BackgroundRelease.release((consume reports, consume targetReport))
        let (fingerprints, unreachable, objectCounts) = { () -> ([String: String], [UnreachableNode], [String: Int]) in
            let found = observing.wait()
            return (found.fingerprints, found.unreachable, found.observations.mapValues(\.objects.count))
        }()
        // Every file read is let go of on another thread.
        observing.discard()
        let plan = Plan(
            revision: target.commit.hex, desiredTree: target.desiredTree?.hex, fleetTree: target.fleetTree?.hex,
            nodes: nodePlans, denied: denied.values.sorted { $0.pod < $1.pod }, unplaceable: unplaceable,
            unreachable: unreachable)
        if plan.inSync && plan.denied.isEmpty && plan.unplaceable.isEmpty && plan.unreachable.isEmpty {
            // Each node's digest is the one its plan holds (of the observation with every
            // deferred digest settled); nothing is hashed a second time.
            cache.store(FastPathRecord(
                key: key, digests: Dictionary(plan.nodes.map { ($0.node, $0.observedDigest) }, uniquingKeysWith: { a, _ in a }),
                fingerprints: fingerprints, objects: objectCounts))
        }
        var outcome = PlanOutcome(
            plan: plan, activations: activations, placements: placements, notes: notes, warnings: warnings, key: key,
            smoke: smoke, nodes: nodes, validatedFiles: targetFiles, rendered: rendered)
        outcome.stages = fleet.stages
        outcome.timings = timings
        return outcome
    }

    /// Every smoke check of every placed pod's bundle, on the pod's node.
    static func smokeTargets(_ placements: [PlacementDecision], documents: DesiredDocuments) -> [SmokeTarget] {
        let nodeOfPod = Dictionary(placements.compactMap { d in d.node.map { (d.pod, $0) } }, uniquingKeysWith: { a, _ in a })
        var out: [SmokeTarget] = []
        for bundle in documents.bundles {
            for check in bundle.spec.smoke {
                guard let node = nodeOfPod[check.pod] else { continue }
                out.append(SmokeTarget(node: node, bundle: bundle.name, check: check))
            }
        }
        return out
    }
}
