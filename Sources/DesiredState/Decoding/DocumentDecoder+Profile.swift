import Formats
import PlaneModel

/// Decoding of `kind: Profile` (desired/profiles/<name>.json).
extension DocumentDecoder {
    static func decodeProfile(_ root: ObjectFields, source: SourceRef, _ context: DecodeContext) -> Profile {
        let (metadata, _) = decodeMetadata(root, context)
        let spec = specFields(root, allowed: ["class", "network", "models", "tools", "containers", "budget"], context)
        let profileClass: Profile.ProfileClass? = spec?.required("class", context.choice)
        let profileSpec = Profile.Spec(
            profileClass: profileClass ?? .personal,
            network: spec?.required("network") { network($0, $1, context) } ?? Profile.Network(mode: .none),
            models: spec?.optional("models") { models($0, $1, context) } ?? Profile.Models(),
            toolsAllow: spec?.optional("tools") { node, pointer -> [String]? in
                guard let fields = context.object(node, pointer, allowed: ["allow"]) else { return nil }
                return fields.optional("allow", context.strings)
            } ?? [],
            containers: spec?.optional("containers") { containerPolicy($0, $1, context) } ?? Profile.ContainerPolicy(),
            budget: spec?.optional("budget") { budget($0, $1, context) } ?? Profile.Budget()
        )
        return Profile(metadata: metadata, spec: profileSpec, source: source)
    }

    private static func network(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Profile.Network? {
        guard let fields = context.object(node, pointer, allowed: ["mode", "allow", "proxy"]) else { return nil }
        let mode: Profile.NetworkMode? = fields.required("mode", context.choice)
        let allow = fields.optional("allow") { node, pointer in
            context.array(node, pointer) { node, pointer -> Profile.AllowedHost? in
                guard let fields = context.object(node, pointer, allowed: ["host", "port"]) else { return nil }
                return Profile.AllowedHost(
                    host: fields.required("host", context.string) ?? "",
                    port: fields.optional("port", context.integer))
            }
        }
        return Profile.Network(mode: mode ?? .none, allow: allow ?? [], proxy: fields.optional("proxy", context.string))
    }

    private static func models(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Profile.Models? {
        guard let fields = context.object(node, pointer, allowed: ["allowedProviders", "hostedAllowed"]) else {
            return nil
        }
        return Profile.Models(
            allowedProviders: fields.optional("allowedProviders", context.strings) ?? [],
            hostedAllowed: fields.optional("hostedAllowed", context.bool) ?? false
        )
    }

    private static func containerPolicy(
        _ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext
    ) -> Profile.ContainerPolicy? {
        let allowed: [String] = ["allowedRegistries", "requireDigest", "privileged", "rootless"]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        return Profile.ContainerPolicy(
            allowedRegistries: fields.optional("allowedRegistries", context.strings) ?? [],
            requireDigest: fields.optional("requireDigest", context.bool) ?? false,
            privileged: fields.optional("privileged", context.bool) ?? false,
            rootless: fields.optional("rootless", context.bool) ?? true
        )
    }

    private static func budget(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Profile.Budget? {
        let allowed: [String] = [
            "cpu", "memory", "gpu", "disk", "maxRunSeconds", "concurrency", "modelCalls", "tokens",
        ]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        return Profile.Budget(
            cpu: fields.optional("cpu", context.quantity),
            memory: fields.optional("memory", context.quantity),
            gpu: fields.optional("gpu", context.integer),
            disk: fields.optional("disk", context.quantity),
            maxRunSeconds: fields.optional("maxRunSeconds", context.integer),
            concurrency: fields.optional("concurrency", context.integer),
            modelCalls: fields.optional("modelCalls", context.integer),
            tokens: fields.optional("tokens", context.integer)
        )
    }
}
