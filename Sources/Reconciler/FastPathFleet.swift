import Formats
import PlaneModel

/// What the fast path needs of a fleet: its stages in promotion order and, per node, its name,
/// stage and executor (all that fingerprinting or observing a node reads).
///
/// Kept in the state directory per fleet tree id (`fastpath/fleet-<tree>.json`, see
/// `FastPathCache.fleet(tree:version:)`): a tree id names the exact bytes of `fleet/`, so an
/// entry found under it is what decoding that fleet again would give, and an unchanged fleet is
/// not read or decoded on every run. A changed fleet has another tree id, hence another entry.
struct FastPathFleet: Hashable, Sendable {
    var stages: [String]
    /// The nodes in fleet order, with only name, stage and executor set.
    var nodes: [Fleet.Node]

    init(stages: [String], nodes: [Fleet.Node]) {
        self.stages = stages
        self.nodes = nodes.map { Fleet.Node(name: $0.name, stage: $0.stage, executor: $0.executor) }
    }

    init(_ fleet: Fleet) {
        self.init(stages: fleet.stages, nodes: fleet.nodes)
    }

    // MARK: - JSON

    /// `{"stages": [...], "nodes": [{"name", "stage", "executor": {"type", ...}}]}`, the
    /// executor as the fleet inventory spells it.
    var json: [(String, JSONValue)] {
        [
            ("stages", .array(of: stages.map { .string($0) })),
            ("nodes", .array(of: nodes.map { node in
                .object([("name", .string(node.name)), ("stage", .string(node.stage)), ("executor", Self.json(node.executor))])
            })),
        ]
    }

    /// Reads what `json` wrote; nil when anything is missing or of the wrong type.
    init?(json object: JSONObject) {
        guard let stageNodes = object["stages"]?.arrayValue, let nodeNodes = object["nodes"]?.arrayValue else { return nil }
        var stages: [String] = []
        for node in stageNodes {
            guard let stage = node.stringValue else { return nil }
            stages.append(stage)
        }
        var nodes: [Fleet.Node] = []
        nodes.reserveCapacity(nodeNodes.count)
        for node in nodeNodes {
            guard let name = node["name"]?.stringValue, let stage = node["stage"]?.stringValue,
                let executor = node["executor"]?.objectValue.flatMap(Self.executor)
            else { return nil }
            nodes.append(Fleet.Node(name: name, stage: stage, executor: executor))
        }
        self.init(stages: stages, nodes: nodes)
    }

    static func json(_ executor: Fleet.Executor) -> JSONValue {
        switch executor {
        case .directory(let path):
            return .object([("type", "directory"), ("path", .string(path))])
        case .quadlet(let unitDir, let scope, let systemctl):
            return .object([
                ("type", "quadlet"), ("unitDir", .string(unitDir)), ("scope", .string(scope.rawValue)),
                ("systemctl", .array(of: systemctl.map { .string($0) })),
            ])
        case .podman(let connection):
            return .object([("type", "podman")] + (connection.map { [("connection", JSONValue.string($0))] } ?? []))
        case .kubernetes(let context, let namespace):
            return .object(
                [("type", "kubernetes"), ("namespace", .string(namespace))]
                    + (context.map { [("context", JSONValue.string($0))] } ?? []))
        }
    }

    static func executor(_ object: JSONObject) -> Fleet.Executor? {
        switch object["type"]?.stringValue {
        case "directory":
            return object["path"]?.stringValue.map { .directory(path: $0) }
        case "quadlet":
            guard let unitDir = object["unitDir"]?.stringValue,
                let scope = object["scope"]?.stringValue.flatMap(Fleet.Scope.init(rawValue:)),
                let argv = object["systemctl"]?.arrayValue
            else { return nil }
            let systemctl = argv.compactMap(\.stringValue)
            guard systemctl.count == argv.count else { return nil }
            return .quadlet(unitDir: unitDir, scope: scope, systemctl: systemctl)
        case "podman":
            let connection = object["connection"]
            guard connection == nil || connection?.stringValue != nil else { return nil }
            return .podman(connection: connection?.stringValue)
        case "kubernetes":
            let context = object["context"]
            guard let namespace = object["namespace"]?.stringValue, context == nil || context?.stringValue != nil else {
                return nil
            }
            return .kubernetes(context: context?.stringValue, namespace: namespace)
        default:
            return nil
        }
    }
}

extension FastPathCache {
    private func fleetPath(_ tree: String) -> String { "\(directory)/fastpath/fleet-\(tree).json" }

    /// The fleet facts stored for fleet tree `tree` by this `version` of agentplane, or nil.
    func fleet(tree: String, version: String) -> FastPathFleet? {
        guard let object = Self.readObject(fleetPath(tree)), object["tree"]?.stringValue == tree,
            object["agentplane"]?.stringValue == version
        else { return nil }
        return FastPathFleet(json: object)
    }

    /// Stores the facts of fleet tree `tree` (written atomically; a failure is only a later miss).
    func storeFleet(_ fleet: FastPathFleet, tree: String, version: String) {
        write(.object([("agentplane", .string(version)), ("tree", .string(tree))] + fleet.json), to: fleetPath(tree))
    }
}
