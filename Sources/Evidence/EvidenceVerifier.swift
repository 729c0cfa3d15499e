import Formats

/// Checks evidence: every artifact against its manifest digest, and the hash chain of manifests
/// across runs. Works on the files of `evidence/` however they were read (a work tree, a commit).
public enum EvidenceVerifier {
    /// One problem, naming the run and the file.
    public struct Finding: Hashable, Sendable, CustomStringConvertible {
        public var runID: String
        public var message: String
        public var description: String { "evidence/\(runID): \(message)" }
    }

    /// `runs`: run id (the folder name) → file name → bytes. Returns every finding (empty: valid).
    /// With `only`, artifact checks cover that run alone, but the chain is still checked around it.
    public static func verify(_ runs: [String: [String: [UInt8]]], only: String? = nil) -> [Finding] {
        var findings: [Finding] = []
        var manifests: [String: (manifest: Manifest, digest: String)] = [:]
        for runID in runs.keys.sorted() {
            let files = runs[runID] ?? [:]
            guard let bytes = files["manifest.json"] else {
                findings.append(Finding(runID: runID, message: "manifest.json is missing"))
                continue
            }
            guard let manifest = Manifest.decode(bytes) else {
                findings.append(Finding(runID: runID, message: "manifest.json is not a valid manifest"))
                continue
            }
            manifests[runID] = (manifest, SHA256.hex(bytes))
            if manifest.runID != runID {
                findings.append(Finding(runID: runID, message: "manifest.json belongs to run \(manifest.runID), not \(runID) (moved or swapped?)"))
            }
            guard only == nil || only == runID else { continue }
            for (name, digest) in manifest.artifacts {
                guard let artifact = files[name] else {
                    findings.append(Finding(runID: runID, message: "\(name) is missing"))
                    continue
                }
                let actual = SHA256.hex(artifact)
                if actual != digest {
                    findings.append(Finding(runID: runID, message: "\(name) was modified (sha256 \(actual.prefix(12))…, manifest says \(digest.prefix(12))…)"))
                }
            }
            let listed = Set(manifest.artifacts.map(\.0))
            for name in EvidenceBuilder.artifactNames where !listed.contains(name) {
                findings.append(Finding(runID: runID, message: "manifest does not list \(name)"))
            }
        }
        findings += chain(manifests)
        if let only, runs[only] == nil { findings.append(Finding(runID: only, message: "no such run")) }
        return findings
    }

    /// The chain: in run-id order (ids start with their UTC time), each manifest names the digest
    /// of the one before; the first names none.
    static func chain(_ manifests: [String: (manifest: Manifest, digest: String)]) -> [Finding] {
        var findings: [Finding] = []
        let ordered = manifests.keys.sorted()
        let digests = Set(manifests.values.map(\.digest))
        for (index, runID) in ordered.enumerated() {
            guard let entry = manifests[runID] else { continue }
            let expected = index == 0 ? nil : manifests[ordered[index - 1]]?.digest
            let previous = entry.manifest.previousManifestDigest
            if previous == expected { continue }
            if let previous, !digests.contains(previous) {
                findings.append(Finding(runID: runID, message: "the previous run in the chain (manifest \(previous.prefix(12))…) is missing"))
            } else if let previous, let holder = manifests.first(where: { $0.value.digest == previous })?.key {
                findings.append(Finding(runID: runID, message: "chain out of order: follows \(holder), but the run before it is \(index == 0 ? "none" : ordered[index - 1])"))
            } else if previous == nil {
                findings.append(Finding(runID: runID, message: "starts a new chain, but \(ordered[index - 1]) comes before it"))
            }
        }
        return findings
    }
}
