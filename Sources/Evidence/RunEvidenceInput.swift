import PlaneModel
import Planning

/// Everything the evidence of one run is made from. Assembled by the reconciler after apply.
public struct RunEvidenceInput: Sendable {
    public var runID: String
    public var agentplaneVersion: String
    public var revision: String
    public var desiredTree: String?
    public var fleetTree: String?
    /// RFC 3339 times: the only non-deterministic content, kept in the RunArtifact alone.
    public var startedAt: String
    public var finishedAt: String
    /// succeeded, failed, cancelled…
    public var result: String
    public var plan: Plan
    public var activations: [ActivationDecision]
    public var placements: [PlacementDecision]
    /// Every validated file of the revision with the SHA-256 of its bytes.
    public var validatedFiles: [FileDigest]
    public var warnings: [Diagnostic]
    public var applied: [AppliedAction]
    public var failures: [Failure]
    public var smoke: [SmokeOutcome]
    /// Per node, every object the renderer produced (path → SHA-256 of its bytes): what replay
    /// must reproduce.
    public var rendered: [String: [String: String]]
    /// The digest of the previous run's manifest in this fleet's chain, nil for the first run.
    public var previousManifestDigest: String?
    /// Why the run happened when it was not an ordinary reconcile (a rollback).
    public var reason: String?

    public init(
        runID: String, agentplaneVersion: String, revision: String, desiredTree: String?, fleetTree: String?,
        startedAt: String, finishedAt: String, result: String, plan: Plan, activations: [ActivationDecision],
        placements: [PlacementDecision], validatedFiles: [FileDigest], warnings: [Diagnostic], applied: [AppliedAction],
        failures: [Failure], smoke: [SmokeOutcome], rendered: [String: [String: String]], previousManifestDigest: String?
    ) {
        self.runID = runID
        self.agentplaneVersion = agentplaneVersion
        self.revision = revision
        self.desiredTree = desiredTree
        self.fleetTree = fleetTree
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.plan = plan
        self.activations = activations
        self.placements = placements
        self.validatedFiles = validatedFiles
        self.warnings = warnings
        self.applied = applied
        self.failures = failures
        self.smoke = smoke
        self.rendered = rendered
        self.previousManifestDigest = previousManifestDigest
    }

    public struct FileDigest: Hashable, Sendable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public struct AppliedAction: Hashable, Sendable {
        public var node: String
        public var action: String
        public var path: String
        public var pod: String?
        public var reason: String
        public var beforeDigest: String?
        public var afterDigest: String?
        public init(node: String, action: String, path: String, pod: String?, reason: String, beforeDigest: String?, afterDigest: String?) {
            self.node = node
            self.action = action
            self.path = path
            self.pod = pod
            self.reason = reason
            self.beforeDigest = beforeDigest
            self.afterDigest = afterDigest
        }
    }

    public struct Failure: Hashable, Sendable {
        public var node: String
        public var message: String
        public init(node: String, message: String) {
            self.node = node
            self.message = message
        }
    }

    public struct SmokeOutcome: Hashable, Sendable {
        public var node: String
        public var bundle: String
        public var name: String
        public var pod: String
        public var passed: Bool
        public var status: Int?
        /// Already truncated and redacted.
        public var output: String
        public init(node: String, bundle: String, name: String, pod: String, passed: Bool, status: Int?, output: String) {
            self.node = node
            self.bundle = bundle
            self.name = name
            self.pod = pod
            self.passed = passed
            self.status = status
            self.output = output
        }
    }
}
