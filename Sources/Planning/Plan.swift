import PlaneModel
import Rendering

/// What a reconcile will do, as a value: printed by `--dry-run`, consumed by apply.
///
/// A plan records the revision it was made from and a digest of what every node looked like,
/// so apply can refuse a plan that has gone stale (the repo moved or a node changed since).
public struct Plan: Hashable, Sendable {
    /// The commit id the desired state was read from (or `worktree` for a directory).
    public var revision: String
    /// Tree id of `desired/` and of `fleet/` at `revision`, when read from git.
    public var desiredTree: String?
    public var fleetTree: String?
    /// One entry per node that was planned, in node-name order.
    public var nodes: [NodePlan]
    /// Pods admission denied, with every reason.
    public var denied: [ActivationDecision]
    /// Pods no node could take, with why each node lost.
    public var unplaceable: [PlacementDecision]
    /// Nodes that could not be observed, so could not be planned; the others still are.
    public var unreachable: [UnreachableNode]

    public init(
        revision: String, desiredTree: String? = nil, fleetTree: String? = nil, nodes: [NodePlan],
        denied: [ActivationDecision] = [], unplaceable: [PlacementDecision] = [], unreachable: [UnreachableNode] = []
    ) {
        self.revision = revision
        self.desiredTree = desiredTree
        self.fleetTree = fleetTree
        self.nodes = nodes.sorted { $0.node < $1.node }
        self.denied = denied
        self.unplaceable = unplaceable
        self.unreachable = unreachable.sorted { $0.node < $1.node }
    }

    /// True when no node has anything to change.
    public var inSync: Bool { nodes.allSatisfy { $0.changes.isEmpty } }

    /// How many changes of every node have `action`. Reads each change's action in place: a
    /// filtered copy of 30,000 changes cost more than the whole summary line.
    public func count(_ action: Change.Action) -> Int {
        var total = 0
        for node in nodes {
            node.changes.withUnsafeBufferPointer { changes in
                for index in changes.indices where changes[index].action == action { total += 1 }
            }
        }
        return total
    }

    /// Nodes with at least one change.
    public var changedNodes: Int { nodes.count { !$0.changes.isEmpty } }

    /// A digest over every node's observed digest: what the world looked like when planned.
    public var observedDigest: String {
        PlanDigest.of(lines: nodes.map { "\($0.node) \($0.observedDigest)" })
    }
}

/// The plan of one node.
public struct NodePlan: Hashable, Sendable {
    public var node: String
    public var stage: String
    public var executor: Fleet.ExecutorKind
    /// The revision this node reconciles (its stage's revision).
    public var revision: String
    /// Digest of the node's observation (see `NodeObservation.digest`).
    public var observedDigest: String
    /// Creates, updates and deletes, in apply order. No-ops are not listed, only counted.
    public var changes: [Change]
    /// Objects already as desired.
    public var unchanged: Int

    public init(
        node: String, stage: String, executor: Fleet.ExecutorKind, revision: String, observedDigest: String,
        changes: [Change], unchanged: Int
    ) {
        self.node = node
        self.stage = stage
        self.executor = executor
        self.revision = revision
        self.observedDigest = observedDigest
        self.changes = changes
        self.unchanged = unchanged
    }
}

/// One action on one object.
public struct Change: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable, CaseIterable {
        case create, update, delete
    }

    public var action: Action
    public var path: String
    public var kind: RenderedObject.ObjectKind?
    public var pod: String?
    public var bundle: String?
    /// Why, for the reader: `new`, `changed`, `drift`, `no longer desired`.
    public var reason: String
    /// The content digest the node has (update, delete).
    public var beforeDigest: String?
    /// The content digest after apply (create, update).
    public var afterDigest: String?
    /// The node's current bytes, where the executor could read them (for the diff).
    public var before: [UInt8]?
    /// The bytes apply writes (create, update).
    public var after: [UInt8]?
    /// The bundle's maxRunSeconds: the timeout of this action.
    public var timeoutSeconds: Int

    public init(
        action: Action, path: String, kind: RenderedObject.ObjectKind?, pod: String?, bundle: String?, reason: String,
        beforeDigest: String?, afterDigest: String?, before: [UInt8]?, after: [UInt8]?, timeoutSeconds: Int
    ) {
        self.action = action
        self.path = path
        self.kind = kind
        self.pod = pod
        self.bundle = bundle
        self.reason = reason
        self.beforeDigest = beforeDigest
        self.afterDigest = afterDigest
        self.before = before
        self.after = after
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A node whose executor could not observe it.
public struct UnreachableNode: Hashable, Sendable {
    public var node: String
    public var message: String
    /// True when trying again later may succeed (a timeout, a refused connection).
    public var retryable: Bool

    public init(node: String, message: String, retryable: Bool) {
        self.node = node
        self.message = message
        self.retryable = retryable
    }
}
