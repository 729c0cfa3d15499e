import Formats
import PlaneModel
import Planning

/// Builds the evidence of a run: five artifacts, a manifest holding the SHA-256 of each and of
/// the previous run's manifest (a hash chain per fleet), and a SUMMARY.md for reviewers.
/// Pure and deterministic: the same input gives the same bytes (the RunArtifact's two
/// timestamps are the only wall-clock values, and they come from the input).
public enum EvidenceBuilder {
    /// Artifact file names, in manifest order.
    public static let artifactNames = [
        "validation.json", "activation.json", "placement.json", "run.json", "replay.json",
    ]

    public static func build(_ input: RunEvidenceInput) -> EvidenceBundle {
        var files: [String: [UInt8]] = [:]
        let writer = JSONWriter(sortedKeys: true, pretty: true)
        files["validation.json"] = writer.encode(Artifacts.validation(input))
        files["activation.json"] = writer.encode(Artifacts.activation(input))
        files["placement.json"] = writer.encode(Artifacts.placement(input))
        files["run.json"] = writer.encode(Artifacts.run(input))
        files["replay.json"] = writer.encode(Artifacts.replay(input))
        let manifest = Manifest(
            runID: input.runID, agentplaneVersion: input.agentplaneVersion, revision: input.revision,
            previousManifestDigest: input.previousManifestDigest,
            artifacts: artifactNames.compactMap { name in files[name].map { (name, SHA256.hex($0)) } })
        let manifestBytes = manifest.encoded()
        files["manifest.json"] = manifestBytes
        files["SUMMARY.md"] = Array(Summary.markdown(input, manifestDigest: SHA256.hex(manifestBytes)).utf8)
        return EvidenceBundle(runID: input.runID, files: files, manifestDigest: SHA256.hex(manifestBytes))
    }
}

/// The files of one run's evidence, relative to `evidence/<run-id>/`.
public struct EvidenceBundle: Hashable, Sendable {
    public var runID: String
    public var files: [String: [UInt8]]
    public var manifestDigest: String

    /// Repository paths: `evidence/<run-id>/<file>`.
    public var repositoryFiles: [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: files.map { ("evidence/\(runID)/\($0.key)", $0.value) })
    }
}
