import Formats
import PlaneModel

/// Decoding of `kind: AgentPod` (desired/agentpods/<name>.json).
extension DocumentDecoder {
    static func decodeAgentPod(_ root: ObjectFields, source: SourceRef, _ context: DecodeContext) -> AgentPod {
        let (metadata, _) = decodeMetadata(root, context)
        let allowed: [String] = [
            "bundle", "profile", "agent", "containers", "model", "volumes", "tools", "placement", "replicas",
            "restartPolicy",
        ]
        let spec = specFields(root, allowed: allowed, context)
        let podSpec = AgentPod.Spec(
            bundle: spec?.required("bundle", context.string) ?? "",
            profile: spec?.required("profile", context.string) ?? "",
            agent: spec?.optional("agent") { agent($0, $1, context) },
            containers: spec?.required("containers") { node, pointer in
                context.array(node, pointer) { container($0, $1, context) }
            } ?? [],
            model: spec?.optional("model") { model($0, $1, context) },
            volumes: spec?.optional("volumes") { node, pointer in
                context.array(node, pointer) { volume($0, $1, context) }
            } ?? [],
            tools: spec?.optional("tools") { node, pointer in
                context.array(node, pointer) { tool($0, $1, context) }
            } ?? [],
            placement: spec?.optional("placement") { placement($0, $1, context) } ?? AgentPod.PlacementSpec(),
            replicas: spec?.optional("replicas", context.integer) ?? 1,
            restartPolicy: spec?.optional("restartPolicy", context.choice) ?? .always
        )
        return AgentPod(metadata: metadata, spec: podSpec, source: source)
    }

    // MARK: - Identity

    private static func agent(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.AgentIdentity? {
        guard let fields = context.object(node, pointer, allowed: ["id", "delegation"]) else { return nil }
        let id = fields.required("id", context.string) ?? ""
        let delegation = fields.optional("delegation") { node, pointer -> AgentPod.Delegation? in
            guard let fields = context.object(node, pointer, allowed: ["principal", "scopes", "expires"]) else {
                return nil
            }
            return AgentPod.Delegation(
                principal: fields.required("principal", context.string) ?? "",
                scopes: fields.required("scopes", context.strings) ?? [],
                expires: fields.optional("expires", context.string)
            )
        }
        return AgentPod.AgentIdentity(id: id, delegation: delegation)
    }

    // MARK: - Containers

    private static func container(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.Container? {
        let allowed: [String] = ["name", "image", "command", "args", "workingDir", "env", "ports", "resources"]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        return AgentPod.Container(
            name: fields.required("name", context.string) ?? "",
            image: fields.required("image", context.string) ?? "",
            command: fields.optional("command", context.strings) ?? [],
            args: fields.optional("args", context.strings) ?? [],
            env: fields.optional("env") { node, pointer in
                context.array(node, pointer) { envVar($0, $1, context) }
            } ?? [],
            ports: fields.optional("ports") { node, pointer in
                context.array(node, pointer) { port($0, $1, context) }
            } ?? [],
            resources: fields.optional("resources") { resources($0, $1, context) } ?? Resources(),
            workingDir: fields.optional("workingDir", context.string)
        )
    }

    private static func envVar(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.EnvVar? {
        guard let fields = context.object(node, pointer, allowed: ["name", "value", "secretRef"]) else { return nil }
        let name = fields.required("name", context.string) ?? ""
        switch (fields.has("value"), fields.has("secretRef")) {
        case (true, true):
            context.report("set either \"value\" or \"secretRef\", not both", at: node.position, pointer: pointer)
            return nil
        case (false, false):
            context.report("needs \"value\" or \"secretRef\"", at: node.position, pointer: pointer)
            return nil
        case (true, false):
            guard let value = fields.optional("value", context.string) else { return nil }
            return AgentPod.EnvVar(name: name, source: .value(value))
        case (false, true):
            let reference = fields.optional("secretRef") { node, pointer -> AgentPod.EnvVar.Source? in
                guard let fields = context.object(node, pointer, allowed: ["name", "key"]) else { return nil }
                return .secretRef(
                    name: fields.required("name", context.string) ?? "",
                    key: fields.optional("key", context.string))
            }
            guard let reference else { return nil }
            return AgentPod.EnvVar(name: name, source: reference)
        }
    }

    private static func port(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.Port? {
        let allowed: [String] = ["name", "containerPort", "hostPort", "protocol"]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        return AgentPod.Port(
            name: fields.optional("name", context.string),
            containerPort: fields.required("containerPort", context.integer) ?? 0,
            hostPort: fields.optional("hostPort", context.integer),
            protocol: fields.optional("protocol", context.choice) ?? .tcp
        )
    }

    private static func resources(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Resources? {
        guard let fields = context.object(node, pointer, allowed: ["cpu", "memory", "gpu"]) else { return nil }
        return Resources(
            cpu: fields.optional("cpu", context.quantity),
            memory: fields.optional("memory", context.quantity),
            gpu: fields.optional("gpu", context.integer)
        )
    }

    // MARK: - Model, volumes, tools, placement

    private static func model(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.ModelSpec? {
        guard let fields = context.object(node, pointer, allowed: ["provider", "id", "residency"]) else { return nil }
        return AgentPod.ModelSpec(
            provider: fields.required("provider", context.string) ?? "",
            id: fields.required("id", context.string) ?? "",
            residency: fields.optional("residency", context.choice) ?? .none
        )
    }

    private static func volume(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.Volume? {
        let allowed: [String] = ["name", "tier", "size", "mountPath"]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        let tier: AgentPod.VolumeTier? = fields.required("tier", context.choice)
        return AgentPod.Volume(
            name: fields.required("name", context.string) ?? "",
            tier: tier ?? .nvme,
            size: fields.required("size", context.quantity) ?? Quantity(""),
            mountPath: fields.required("mountPath", context.string) ?? ""
        )
    }

    private static func tool(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.ToolGrant? {
        guard let fields = context.object(node, pointer, allowed: ["name", "scope"]) else { return nil }
        return AgentPod.ToolGrant(
            name: fields.required("name", context.string) ?? "",
            scope: fields.required("scope", context.string) ?? ""
        )
    }

    private static func placement(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> AgentPod.PlacementSpec? {
        let allowed: [String] = ["runtime", "nodeSelector", "requires"]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        return AgentPod.PlacementSpec(
            runtime: fields.optional("runtime", context.choice) ?? .any,
            nodeSelector: fields.optional("nodeSelector", context.stringMap) ?? [:],
            requires: fields.optional("requires", context.strings) ?? []
        )
    }
}
