import Formats

/// `evidence/<run-id>/manifest.json`: the run id, the agentplane version, the revision, the
/// SHA-256 of every artifact and the digest of the previous run's manifest.
public struct Manifest: Hashable, Sendable {
    public var runID: String
    public var agentplaneVersion: String
    public var revision: String
    public var previousManifestDigest: String?
    /// (file name, SHA-256), in the order of `EvidenceBuilder.artifactNames`.
    public var artifacts: [(String, String)]

    public static func == (a: Manifest, b: Manifest) -> Bool {
        a.runID == b.runID && a.agentplaneVersion == b.agentplaneVersion && a.revision == b.revision
            && a.previousManifestDigest == b.previousManifestDigest && a.artifacts.elementsEqual(b.artifacts, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(runID)
        hasher.combine(revision)
    }

    public func encoded() -> [UInt8] {
        let value: JSONValue = .object([
            ("apiVersion", "agentplane.dev/v1alpha1"),
            ("kind", "EvidenceManifest"),
            ("runId", .string(runID)),
            ("agentplaneVersion", .string(agentplaneVersion)),
            ("revision", .string(revision)),
            ("previousManifestDigest", previousManifestDigest.map(JSONValue.string) ?? .null),
            ("artifacts", .object(artifacts.map { ($0.0, JSONValue.object([("sha256", .string($0.1))])) })),
        ])
        return JSONWriter(sortedKeys: true, pretty: true).encode(value)
    }

    /// Reads a manifest; nil when it does not have the manifest's shape.
    public static func decode(_ bytes: [UInt8]) -> Manifest? {
        guard let node = try? JSONReader.parse(bytes), let object = node.value.objectValue,
            object["kind"]?.value.stringValue == "EvidenceManifest",
            let runID = object["runId"]?.value.stringValue,
            let version = object["agentplaneVersion"]?.value.stringValue,
            let revision = object["revision"]?.value.stringValue,
            let artifacts = object["artifacts"]?.value.objectValue
        else { return nil }
        let previous = object["previousManifestDigest"]?.value.stringValue
        var list: [(String, String)] = []
        for member in artifacts.members {
            guard let digest = member.value.value.objectValue?["sha256"]?.value.stringValue else { return nil }
            list.append((member.key, digest))
        }
        return Manifest(runID: runID, agentplaneVersion: version, revision: revision, previousManifestDigest: previous, artifacts: list)
    }
}
