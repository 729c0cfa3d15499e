import Formats
import PlaneModel

/// Decoding of `kind: Bundle` (desired/bundles/<name>.json).
extension DocumentDecoder {
    static func decodeBundle(_ root: ObjectFields, source: SourceRef, _ context: DecodeContext) -> Bundle {
        let (metadata, metadataFields) = decodeMetadata(root, extraKeys: ["version", "licensePolicy"], context)
        let version = metadataFields?.required("version", context.string) ?? ""
        let allowAGPL = metadataFields?.optional("licensePolicy") { node, pointer -> Bool? in
            guard let fields = context.object(node, pointer, allowed: ["allowAGPL"]) else { return nil }
            return fields.optional("allowAGPL", context.bool)
        } ?? false
        let spec = specFields(root, allowed: ["pods", "policy", "dependsOn", "smoke", "components"], context)
        let maxRunSeconds = spec?.required("policy") { node, pointer -> Int? in
            guard let fields = context.object(node, pointer, allowed: ["maxRunSeconds"]) else { return nil }
            return fields.required("maxRunSeconds", context.integer)
        }
        let bundleSpec = Bundle.Spec(
            pods: spec?.required("pods", context.strings) ?? [],
            maxRunSeconds: maxRunSeconds ?? 0,
            dependsOn: spec?.optional("dependsOn", context.strings) ?? [],
            smoke: spec?.optional("smoke") { node, pointer in
                context.array(node, pointer) { smokeCheck($0, $1, context) }
            } ?? [],
            components: spec?.optional("components") { node, pointer in
                context.array(node, pointer) { component($0, $1, context) }
            } ?? []
        )
        return Bundle(metadata: metadata, version: version, allowAGPL: allowAGPL, spec: bundleSpec, source: source)
    }

    private static func smokeCheck(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Bundle.SmokeCheck? {
        let allowed: [String] = ["name", "pod", "container", "exec", "timeoutSeconds"]
        guard let fields = context.object(node, pointer, allowed: allowed) else { return nil }
        return Bundle.SmokeCheck(
            name: fields.required("name", context.string) ?? "",
            pod: fields.required("pod", context.string) ?? "",
            container: fields.optional("container", context.string),
            exec: fields.required("exec", context.strings) ?? [],
            timeoutSeconds: fields.optional("timeoutSeconds", context.integer) ?? 30
        )
    }

    private static func component(_ node: JSONNode, _ pointer: FieldPointer, _ context: DecodeContext) -> Bundle.Component? {
        guard let fields = context.object(node, pointer, allowed: ["name", "license"]) else { return nil }
        return Bundle.Component(
            name: fields.required("name", context.string) ?? "",
            license: fields.required("license", context.string) ?? ""
        )
    }
}
