import Evidence
import Foundation
import GitKit
import PlaneModel
import Planning
import Promotion
import StateStore

/// After a run that changed something or failed: builds its evidence, the node pointers and
/// (for a fully successful stage) the next stage's pointer, and commits them on the run's
/// promotion branch. A run that was in sync writes nothing.
public struct EvidenceRecorder {
    public var repositoryPath: String
    /// The branch promotions are based on and merged into; nil: the branch HEAD names.
    public var targetBranch: String?
    /// Author and committer; nil: the repository's git config, else `agentplane <agentplane@localhost>`.
    public var author: Commit.Signature?
    public var version: String
    /// When set, each promotion branch is pushed to this remote of the repository.
    public var pushRemote: String?
    /// When set, the manifest (`manifest.json.sig`, namespace `agentplane-evidence`) and the
    /// promotion commit are signed with this SSH key.
    public var signKey: String?

    /// The namespace of evidence manifest signatures.
    public static let manifestNamespace = "agentplane-evidence"

    public init(repositoryPath: String, targetBranch: String?, author: Commit.Signature?, version: String) {
        self.repositoryPath = repositoryPath
        self.targetBranch = targetBranch
        self.author = author
        self.version = version
    }

    public struct Recorded: Sendable {
        public var branch: String
        public var commit: String
        public var manifestDigest: String
        public var files: [String]
    }

    public func record(_ outcome: PlanOutcome, _ report: RunReport, startedAt: Double, reason: String? = nil) throws(PromotionError) -> Recorded {
        let repository: Repository
        do {
            repository = try Repository.open(at: repositoryPath)
        } catch {
            throw .git(error)
        }
        let branch: String
        if let targetBranch {
            branch = targetBranch
        } else {
            branch = try PromotionBranches.headBranch(repository)
        }
        let signature = author ?? (try? repository.configuredSignature())
            ?? Commit.Signature(name: "agentplane", email: "agentplane@localhost", time: Int64(Date().timeIntervalSince1970))
        let writer = PromotionWriter(repository: repository, targetBranch: branch, author: signature)
        let tip = try writer.targetTip()
        let previous = try ChainHead.latestManifestDigest(repository: repository, commits: [tip] + PromotionBranches.pendingTips(repository))
        let plan = outcome.plan
        var input = RunEvidenceInput(
            runID: report.runID, agentplaneVersion: version, revision: plan.revision, desiredTree: plan.desiredTree,
            fleetTree: plan.fleetTree, startedAt: Timestamps.iso8601(startedAt), finishedAt: Timestamps.iso8601(Timestamps.now()),
            result: report.result.rawValue, plan: plan, activations: outcome.activations, placements: outcome.placements,
            validatedFiles: outcome.validatedFiles.sorted { $0.key < $1.key }.map { .init(path: $0.key, sha256: $0.value) },
            warnings: outcome.warnings,
            applied: report.applied.map {
                .init(node: $0.node, action: $0.change.action.rawValue, path: $0.change.path, pod: $0.change.pod,
                      reason: $0.change.reason, beforeDigest: $0.change.beforeDigest, afterDigest: $0.change.afterDigest)
            },
            failures: report.failures.map { .init(node: $0.node, message: $0.message) },
            smoke: report.smoke.map {
                .init(node: $0.target.node, bundle: $0.target.bundle, name: $0.target.check.name, pod: $0.target.check.pod,
                      passed: $0.passed, status: $0.status.map(Int.init), output: $0.output)
            },
            rendered: outcome.rendered, previousManifestDigest: previous)
        input.reason = reason
        let bundle = EvidenceBuilder.build(input)
        var files = bundle.repositoryFiles
        if let signKey, let manifest = bundle.files["manifest.json"] {
            do {
                let signature = try SSHSigner(keyPath: signKey, namespace: Self.manifestNamespace).sign(bytes: manifest)
                files["evidence/\(report.runID)/manifest.json.sig"] = Array(signature.utf8)
            } catch {
                throw .git(error)
            }
        }

        // Node pointers: nodes that ran their whole plan without failure.
        let failedNodes = Set(report.failures.map(\.node) + report.smokeFailures.map(\.target.node))
        let changedNodes = Set(report.applied.map(\.node))
        for nodePlan in plan.nodes where changedNodes.contains(nodePlan.node) && !failedNodes.contains(nodePlan.node) {
            let old = try writer.currentPointer(node: nodePlan.node)
            let pointer = NodePointer(
                node: nodePlan.node,
                current: .init(revision: nodePlan.revision, desiredTree: plan.desiredTree, runID: report.runID, manifestDigest: bundle.manifestDigest),
                previous: old?.current)
            files[NodePointer.path(for: nodePlan.node)] = pointer.encoded()
        }
        // The next stage's pointer, when every planned node of a stage succeeded.
        if report.result == .succeeded, let stages = outcome.stages {
            for (index, stage) in stages.enumerated() where index + 1 < stages.count {
                let nodes = plan.nodes.filter { $0.stage == stage }
                guard !nodes.isEmpty, nodes.allSatisfy({ !failedNodes.contains($0.node) }), let revision = nodes.first?.revision else { continue }
                // Already promoted: leave the pointer as it is.
                if try writer.currentStageRevision(stages[index + 1]) == revision { continue }
                let pointer = StagePointerFile(
                    stage: stages[index + 1], revision: revision, desiredTree: plan.desiredTree, promotedFrom: stage, runID: report.runID)
                files[StagePointerFile.path(for: stages[index + 1])] = pointer.encoded()
            }
        }
        let message = """
            agentplane: \(reason ?? "run") \(report.runID) \(report.result.rawValue) at \(plan.revision.prefix(12))

            \(report.summary)
            Evidence: evidence/\(report.runID)/SUMMARY.md
            Manifest: \(bundle.manifestDigest)
            """
        let written = try writer.write(
            runID: report.runID, files: files, message: message, signer: signKey.map { SSHSigner(keyPath: $0).sign })
        if let pushRemote {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    try repository.push(branch: written.branch, to: pushRemote)
                    break
                } catch {
                    guard error.isRetryable, attempt < 4 else { throw .git(error) }
                    Thread.sleep(forTimeInterval: Double(attempt) * 0.5)
                }
            }
        }
        return Recorded(branch: written.branch, commit: written.commit.hex, manifestDigest: bundle.manifestDigest, files: files.keys.sorted())
    }
}
