import Foundation
import Formats
import PlaneModel
import Rendering

/// The JSON form of a plan (schemas/plan.schema.json). Encoding is byte-deterministic and
/// `decode(encode(plan)) == plan`.
///
/// Object contents travel as text when they are UTF-8 (rendered files always are) and as base64
/// under `…Base64` keys otherwise (a hand-edited file may hold anything).
public enum PlanJSON {
    public static func encode(_ plan: Plan) -> [UInt8] {
        JSONWriter(sortedKeys: true, pretty: true).encode(value(plan))
    }

    public static func value(_ plan: Plan) -> JSONValue {
        .object([
            ("apiVersion", .string(PlaneModel.apiVersion)),
            ("kind", "Plan"),
            ("revision", .string(plan.revision)),
            ("desiredTree", optional(plan.desiredTree)),
            ("fleetTree", optional(plan.fleetTree)),
            ("observedDigest", .string(plan.observedDigest)),
            ("inSync", .bool(plan.inSync)),
            ("summary", .object([
                ("create", .number(plan.count(.create))), ("update", .number(plan.count(.update))),
                ("delete", .number(plan.count(.delete))), ("nodes", .number(plan.changedNodes)),
                ("denied", .number(plan.denied.count)), ("unplaceable", .number(plan.unplaceable.count)),
                ("unreachable", .number(plan.unreachable.count)),
            ])),
            ("nodes", .array(of: plan.nodes.map(node))),
            ("denied", .array(of: plan.denied.map(DecisionJSON.activation))),
            ("unplaceable", .array(of: plan.unplaceable.map(DecisionJSON.placement))),
            ("unreachable", .array(of: plan.unreachable.map { u in
                .object([("node", .string(u.node)), ("message", .string(u.message)), ("retryable", .bool(u.retryable))])
            })),
        ])
    }

    private static func node(_ node: NodePlan) -> JSONValue {
        .object([
            ("node", .string(node.node)), ("stage", .string(node.stage)), ("executor", .string(node.executor.rawValue)),
            ("revision", .string(node.revision)), ("observedDigest", .string(node.observedDigest)),
            ("unchanged", .number(node.unchanged)), ("changes", .array(of: node.changes.map(change))),
        ])
    }

    private static func change(_ change: Change) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("action", .string(change.action.rawValue)), ("path", .string(change.path)),
            ("kind", optional(change.kind?.rawValue)), ("pod", optional(change.pod)), ("bundle", optional(change.bundle)),
            ("reason", .string(change.reason)), ("beforeDigest", optional(change.beforeDigest)),
            ("afterDigest", optional(change.afterDigest)), ("timeoutSeconds", .number(change.timeoutSeconds)),
        ]
        pairs += content("before", change.before)
        pairs += content("after", change.after)
        return .object(pairs)
    }

    private static func content(_ key: String, _ bytes: [UInt8]?) -> [(String, JSONValue)] {
        guard let bytes else { return [(key, .null)] }
        if let text = String(validating: bytes, as: UTF8.self) { return [(key, .string(text))] }
        return [(key, .null), (key + "Base64", .string(Data(bytes).base64EncodedString()))]
    }

    static func optional(_ string: String?) -> JSONValue { string.map(JSONValue.string) ?? .null }

    // MARK: - Decoding

    /// Reads a plan back; any shape error names the JSON pointer where it was found.
    public static func decode(_ bytes: [UInt8]) throws(PlanDecodingError) -> Plan {
        let root: JSONNode
        do {
            root = try JSONReader.parse(bytes, options: .init(maxDepth: 64, maxBytes: 512 * 1024 * 1024))
        } catch {
            throw PlanDecodingError(pointer: "", message: error.message)
        }
        let r = PlanReader(root, "")
        guard try r.string("kind") == "Plan" else { throw PlanDecodingError(pointer: "/kind", message: "expected Plan") }
        var nodes: [NodePlan] = []
        for n in try r.array("nodes") {
            var changes: [Change] = []
            for c in try n.array("changes") {
                guard let action = Change.Action(rawValue: try c.string("action")) else {
                    throw c.error("action", "unknown action")
                }
                let kind = try c.optionalString("kind").map { raw throws(PlanDecodingError) in
                    guard let kind = RenderedObject.ObjectKind(rawValue: raw) else { throw c.error("kind", "unknown kind") }
                    return kind
                }
                changes.append(Change(
                    action: action, path: try c.string("path"), kind: kind, pod: try c.optionalString("pod"),
                    bundle: try c.optionalString("bundle"), reason: try c.string("reason"),
                    beforeDigest: try c.optionalString("beforeDigest"), afterDigest: try c.optionalString("afterDigest"),
                    before: try c.content("before"), after: try c.content("after"),
                    timeoutSeconds: try c.int("timeoutSeconds")))
            }
            guard let executor = Fleet.ExecutorKind(rawValue: try n.string("executor")) else {
                throw n.error("executor", "unknown executor")
            }
            nodes.append(NodePlan(
                node: try n.string("node"), stage: try n.string("stage"), executor: executor,
                revision: try n.string("revision"), observedDigest: try n.string("observedDigest"),
                changes: changes, unchanged: try n.int("unchanged")))
        }
        let denied = try r.array("denied").map { d throws(PlanDecodingError) in try DecisionJSON.activation(d) }
        let unplaceable = try r.array("unplaceable").map { d throws(PlanDecodingError) in try DecisionJSON.placement(d) }
        let unreachable = try r.array("unreachable").map { u throws(PlanDecodingError) in
            UnreachableNode(node: try u.string("node"), message: try u.string("message"), retryable: try u.bool("retryable"))
        }
        return Plan(
            revision: try r.string("revision"), desiredTree: try r.optionalString("desiredTree"),
            fleetTree: try r.optionalString("fleetTree"), nodes: nodes, denied: denied, unplaceable: unplaceable,
            unreachable: unreachable)
    }
}

/// A plan file that does not have the plan's shape.
public struct PlanDecodingError: Error, Sendable, CustomStringConvertible {
    public var pointer: String
    public var message: String
    public var description: String { "plan \(pointer.isEmpty ? "/" : pointer): \(message)" }
}
