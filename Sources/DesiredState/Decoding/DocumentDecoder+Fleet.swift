import Formats
import PlaneModel

/// Decoding of `kind: Fleet` (fleet/inventory.json).
extension DocumentDecoder {
    static func decodeFleet(_ root: ObjectFields, source: SourceRef, _ context: DecodeContext) -> Fleet {
        let (metadata, _) = decodeMetadata(root, context)
        let spec = specFields(root, allowed: ["stages", "nodes"], context)
        return Fleet(
            metadata: metadata,
            stages: spec?.required("stages", context.strings) ?? [],
            nodes: spec?.required("nodes") { node, pointer in
                context.array(node, pointer) { fleetNode($0, $1, context) }
            } ?? [],
            source: source
        )
    }

    private static func fleetNode(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Fleet.Node? {
        let allowed: [String] = [
            "name", "stage", "labels", "capabilities", "capacity", "residentModels", "profiles", "executor",
        ]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        let name = fields.required("name", context.string) ?? ""
        let stage = fields.required("stage", context.string) ?? ""
        let labels = fields.optional("labels", context.stringMap) ?? [:]
        let capabilities = fields.optional("capabilities", context.strings) ?? []
        let capacity = fields.optional("capacity") { node, pointer -> Resources? in
            guard let fields = context.object(node, pointer, allowed: ["cpu", "memory", "gpu", "disk"]) else {
                return nil
            }
            return Resources(
                cpu: fields.optional("cpu", context.quantity),
                memory: fields.optional("memory", context.quantity),
                gpu: fields.optional("gpu", context.integer),
                disk: fields.optional("disk", context.quantity))
        }
        let residentModels = fields.optional("residentModels", context.strings) ?? []
        let profiles = fields.optional("profiles", context.strings) ?? []
        guard let executor = fields.required("executor", { executor($0, $1, context) }) else { return nil }
        return Fleet.Node(
            name: name, stage: stage, labels: labels, capabilities: capabilities, capacity: capacity ?? Resources(),
            residentModels: residentModels, profiles: profiles, executor: executor)
    }

    /// `executor`, chosen by its `type`; each type has its own members.
    private static func executor(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Fleet.Executor? {
        guard let object = node.objectValue else {
            context.mismatch("object", node, pointer)
            return nil
        }
        guard let typeNode = object["type"] else {
            context.report("missing required property \"type\"", at: node.position, pointer: pointer)
            return nil
        }
        guard let typeName = context.string(typeNode, pointer.appending("type")) else { return nil }
        guard let kind = Fleet.ExecutorKind(rawValue: typeName) else {
            let known = Fleet.ExecutorKind.allCases.map(\.rawValue).joined(separator: ", ")
            context.report(
                "unknown executor type \"\(typeName)\" (expected one of: \(known))", at: typeNode.position,
                pointer: pointer.appending("type"))
            return nil
        }
        switch kind {
        case .directory:
            guard let fields = context.object(node, pointer, allowed: ["type", "path"]) else { return nil }
            return .directory(path: fields.required("path", context.string) ?? "")
        case .quadlet:
            guard let fields = context.object(node, pointer, allowed: ["type", "unitDir", "scope", "systemctl"]) else {
                return nil
            }
            let scope: Fleet.Scope? = fields.required("scope", context.choice)
            return .quadlet(
                unitDir: fields.required("unitDir", context.string) ?? "",
                scope: scope ?? .system,
                systemctl: fields.optional("systemctl", context.strings) ?? ["systemctl"])
        case .podman:
            guard let fields = context.object(node, pointer, allowed: ["type", "connection"]) else { return nil }
            return .podman(connection: fields.optional("connection", context.string))
        case .kubernetes:
            guard let fields = context.object(node, pointer, allowed: ["type", "context", "namespace"]) else {
                return nil
            }
            return .kubernetes(
                context: fields.optional("context", context.string),
                namespace: fields.required("namespace", context.string) ?? "")
        }
    }
}
