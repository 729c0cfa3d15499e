import Formats
import PlaneModel

/// Turns the parsed JSON of one desired-state file into a typed `AgentPod`, `Bundle`, `Profile`
/// or `Fleet`, with its `SourceRef` and the documented defaults filled in.
///
/// The decoder runs after schema validation, but it trusts nothing: a missing field, a wrong
/// type, an unknown property or an unknown enum value becomes a `decode` diagnostic with the
/// file, line, column and JSON pointer, and decoding continues so that every problem is
/// reported. It never traps.
///
/// Defaults: `replicas` 1, `restartPolicy` always, `placement.runtime` any, port `protocol`
/// tcp, model `residency` none, smoke `timeoutSeconds` 30, quadlet `systemctl` `["systemctl"]`,
/// `licensePolicy.allowAGPL` false, profile `containers.rootless` true and the other profile
/// booleans false.
public enum DocumentDecoder {
    /// Decodes the document `node` read from `path` (repository-relative).
    ///
    /// With `expecting`, a document of another kind (an AgentPod under `desired/bundles/`) is a
    /// diagnostic at `/kind`.
    public static func decode(
        _ node: JSONNode, path: String, expecting: DocumentKind? = nil
    ) -> Result<DecodedDocument, DecodeFailure> {
        let context = DecodeContext(path: path)
        let document = decodeEnvelope(node, expecting: expecting, context)
        guard context.diagnostics.isEmpty, let document else {
            var diagnostics = context.diagnostics
            if diagnostics.isEmpty {
                // Every path that yields no document reports why; this keeps a failure non-empty.
                context.report("document could not be decoded", at: node.position, pointer: "")
                diagnostics = context.diagnostics
            }
            return .failure(DecodeFailure(diagnostics: diagnostics.sorted()))
        }
        return .success(document)
    }

    // MARK: - Envelope

    static let envelopeKeys: [String] = ["$schema", "apiVersion", "kind", "metadata", "spec"]

    private static func decodeEnvelope(
        _ node: JSONNode, expecting: DocumentKind?, _ context: DecodeContext
    ) -> DecodedDocument? {
        guard let root = context.object(node, "", allowed: envelopeKeys) else { return nil }
        _ = root.optional("$schema", context.string)
        if let version = root.required("apiVersion", context.string), version != apiVersion,
            let versionNode = root.object["apiVersion"]
        {
            context.report(
                "unsupported apiVersion \"\(version)\" (expected \"\(apiVersion)\")",
                at: versionNode.position, pointer: "/apiVersion")
        }
        guard let kindName = root.required("kind", context.string), let kindNode = root.object["kind"] else {
            return nil
        }
        guard let kind = DocumentKind(rawValue: kindName) else {
            let known = DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")
            context.report("unknown kind \"\(kindName)\" (expected one of: \(known))", at: kindNode.position, pointer: "/kind")
            return nil
        }
        if let expecting, expecting != kind {
            context.report(
                "a \(kind.rawValue) does not belong here (expected kind \(expecting.rawValue))",
                at: kindNode.position, pointer: "/kind")
            return nil
        }
        let source = SourceRef(path: context.path, line: node.position.line, column: node.position.column)
        switch kind {
        case .agentPod: return .agentPod(decodeAgentPod(root, source: source, context))
        case .bundle: return .bundle(decodeBundle(root, source: source, context))
        case .profile: return .profile(decodeProfile(root, source: source, context))
        case .fleet: return .fleet(decodeFleet(root, source: source, context))
        }
    }

    // MARK: - Metadata

    static let metadataKeys: [String] = ["name", "labels", "annotations"]

    /// `metadata` of any kind; `extraKeys` are the kind's own members (read by the caller from
    /// the returned fields).
    static func decodeMetadata(
        _ root: ObjectFields, extraKeys: [String] = [], _ context: DecodeContext
    ) -> (ObjectMeta, ObjectFields?) {
        let fields = root.required("metadata") { node, pointer in
            context.object(node, pointer, allowed: extraKeys.isEmpty ? metadataKeys : metadataKeys + extraKeys)
        }
        let name = fields?.required("name", context.string) ?? ""
        let labels = fields?.optional("labels", context.stringMap) ?? [:]
        let annotations = fields?.optional("annotations", context.stringMap) ?? [:]
        return (ObjectMeta(name: name, labels: labels, annotations: annotations), fields)
    }

    /// `spec` with its allowed member names.
    static func specFields(_ root: ObjectFields, allowed: [String], _ context: DecodeContext) -> ObjectFields? {
        root.required("spec") { node, pointer in context.object(node, pointer, allowed: allowed) }
    }
}
