import Formats

/// `state/pointers/nodes/<node>.json`: what a node runs now and ran before (for rollback).
public struct NodePointer: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var revision: String
        public var desiredTree: String?
        public var runID: String
        public var manifestDigest: String

        public init(revision: String, desiredTree: String?, runID: String, manifestDigest: String) {
            self.revision = revision
            self.desiredTree = desiredTree
            self.runID = runID
            self.manifestDigest = manifestDigest
        }
    }

    public var node: String
    public var current: Entry
    public var previous: Entry?

    public init(node: String, current: Entry, previous: Entry?) {
        self.node = node
        self.current = current
        self.previous = previous
    }

    public static func path(for node: String) -> String { "state/pointers/nodes/\(node).json" }

    public func encoded() -> [UInt8] {
        func entry(_ e: Entry?) -> JSONValue {
            guard let e else { return .null }
            return .object([
                ("revision", .string(e.revision)), ("desiredTree", e.desiredTree.map(JSONValue.string) ?? .null),
                ("runId", .string(e.runID)), ("manifestDigest", .string(e.manifestDigest)),
            ])
        }
        return JSONWriter(sortedKeys: true, pretty: true).encode(.object([
            ("apiVersion", "agentplane.dev/v1alpha1"), ("kind", "NodePointer"), ("node", .string(node)),
            ("current", entry(current)), ("previous", entry(previous)),
        ]))
    }

    public static func decode(_ bytes: [UInt8]) -> NodePointer? {
        guard let root = try? JSONReader.parse(bytes), let object = root.value.objectValue,
            object["kind"]?.value.stringValue == "NodePointer", let node = object["node"]?.value.stringValue,
            let current = entry(object["current"])
        else { return nil }
        return NodePointer(node: node, current: current, previous: entry(object["previous"]))
    }

    private static func entry(_ node: JSONNode?) -> Entry? {
        guard let object = node?.value.objectValue, let revision = object["revision"]?.value.stringValue,
            let runID = object["runId"]?.value.stringValue, let digest = object["manifestDigest"]?.value.stringValue
        else { return nil }
        return Entry(revision: revision, desiredTree: object["desiredTree"]?.value.stringValue, runID: runID, manifestDigest: digest)
    }
}

/// `state/pointers/stages/<stage>.json`, as a promotion writes it: the revision the stage's
/// nodes reconcile once this branch is merged.
public struct StagePointerFile: Hashable, Sendable {
    public var stage: String
    public var revision: String
    public var desiredTree: String?
    public var promotedFrom: String
    public var runID: String

    public init(stage: String, revision: String, desiredTree: String?, promotedFrom: String, runID: String) {
        self.stage = stage
        self.revision = revision
        self.desiredTree = desiredTree
        self.promotedFrom = promotedFrom
        self.runID = runID
    }

    public static func path(for stage: String) -> String { "state/pointers/stages/\(stage).json" }

    public func encoded() -> [UInt8] {
        JSONWriter(sortedKeys: true, pretty: true).encode(.object([
            ("apiVersion", "agentplane.dev/v1alpha1"), ("kind", "StagePointer"), ("stage", .string(stage)),
            ("revision", .string(revision)), ("desiredTree", desiredTree.map(JSONValue.string) ?? .null),
            ("promotedFrom", .string(promotedFrom)), ("runId", .string(runID)),
        ]))
    }
}
