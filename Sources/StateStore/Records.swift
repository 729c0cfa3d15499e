/// How a run ended.
public enum RunResult: String, Hashable, Sendable, CaseIterable {
    /// Still going (or its process died: see `interrupted`).
    case running
    /// Everything applied and verified.
    case succeeded
    /// Something failed; see the journal and events.
    case failed
    /// Nothing to do.
    case inSync = "in-sync"
    /// The process died mid-run (`kill -9`, power loss); found and marked by a later run.
    case interrupted
    /// Stopped on request (SIGTERM) between actions.
    case cancelled
}

/// One reconcile run.
public struct RunRecord: Hashable, Sendable {
    public var id: String
    public var revision: String
    public var nodes: [String]
    public var startedAt: Double
    public var finishedAt: Double?
    public var result: RunResult
    public var summary: String
    public var holder: String

    public init(
        id: String, revision: String, nodes: [String], startedAt: Double, finishedAt: Double? = nil,
        result: RunResult, summary: String = "", holder: String
    ) {
        self.id = id
        self.revision = revision
        self.nodes = nodes
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.summary = summary
        self.holder = holder
    }
}

/// One action of a run, journaled before (intent) and after (outcome) it touches a node.
public struct JournalEntry: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable {
        case pending, done, failed
    }

    public var id: Int64
    public var runID: String
    public var node: String
    public var sequence: Int
    public var action: String
    public var path: String
    public var digest: String?
    public var outcome: Outcome
    public var detail: String
    public var attempts: Int

    public init(
        id: Int64, runID: String, node: String, sequence: Int, action: String, path: String, digest: String?,
        outcome: Outcome, detail: String = "", attempts: Int = 1
    ) {
        self.id = id
        self.runID = runID
        self.node = node
        self.sequence = sequence
        self.action = action
        self.path = path
        self.digest = digest
        self.outcome = outcome
        self.detail = detail
        self.attempts = attempts
    }
}

/// What kind of operation an event is about.
public enum OperationKind: String, Hashable, Sendable, CaseIterable {
    case executionStart = "execution.start"
    case executionCancel = "execution.cancel"
    case containerRun = "container.run"
    case toolGrantApply = "tool_grant.apply"
    case toolGrantRevoke = "tool_grant.revoke"
    case modelProviderBind = "model_provider.bind"
}

/// Where an operation is.
public enum OperationPhase: String, Hashable, Sendable, CaseIterable {
    case start, progress, failure, retry, cancel, complete
}

/// A typed event in a run's life.
public struct OperationEvent: Hashable, Sendable {
    public var runID: String
    public var node: String?
    public var kind: OperationKind
    public var phase: OperationPhase
    public var at: Double
    public var message: String

    public init(runID: String, node: String?, kind: OperationKind, phase: OperationPhase, at: Double, message: String) {
        self.runID = runID
        self.node = node
        self.kind = kind
        self.phase = phase
        self.at = at
        self.message = message
    }
}

/// The last known state of a node, for `agentplane status`.
public struct NodeStatus: Hashable, Sendable {
    public var node: String
    public var revision: String
    public var runID: String
    public var result: RunResult
    public var at: Double
    public var drifted: Int
    public var pending: Int

    public init(node: String, revision: String, runID: String, result: RunResult, at: Double, drifted: Int, pending: Int) {
        self.node = node
        self.revision = revision
        self.runID = runID
        self.result = result
        self.at = at
        self.drifted = drifted
        self.pending = pending
    }
}

/// A held lease: one writer per node.
public struct Lease: Hashable, Sendable {
    public var node: String
    public var holder: String
    public var expiresAt: Double
}
