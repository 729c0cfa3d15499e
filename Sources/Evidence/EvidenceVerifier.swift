import Formats

/// Checks evidence: every artifact against its manifest digest, and the hash chain of manifests
/// across runs. Works on the files of `evidence/` however they were read (a work tree, a commit).
public enum EvidenceVerifier {
    /// One problem, naming the run and the file.
    public struct Finding: Hashable, Sendable, CustomStringConvertible {
        public var runID: String
        public var message: String
        public var description: String { "evidence/\(runID): \(message)" }

        public init(runID: String, message: String) {
            self.runID = runID
            self.message = message
        }
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

    /// The chain is what the manifests link: each names the digest of the newest manifest its
    /// reconciler knew of. Findings: a link to a manifest that is not there (a dropped run) and a
    /// run older than the run it follows (reordered; run ids begin with their UTC time).
    /// Reconcilers running at the same time may both follow one run, or both start the chain:
    /// that is concurrency, not tampering, so forks and several starts are allowed.
    static func chain(_ manifests: [String: (manifest: Manifest, digest: String)]) -> [Finding] {
        var findings: [Finding] = []
        let byDigest = Dictionary(manifests.map { ($0.value.digest, $0.key) }, uniquingKeysWith: { a, _ in a })
        for runID in manifests.keys.sorted() {
            guard let entry = manifests[runID] else { continue }
            guard let previous = entry.manifest.previousManifestDigest else { continue }
            guard let before = byDigest[previous] else {
                findings.append(Finding(runID: runID, message: "the previous run in the chain (manifest \(previous.prefix(12))…) is missing"))
                continue
            }
            if time(of: runID) < time(of: before) {
                findings.append(Finding(runID: runID, message: "chain out of order: follows \(before), which is newer"))
            }
        }
        return findings
    }

    /// The time part of a run id (`20261122T010958.123Z-…` → `20261122T010958.123Z`).
    static func time(of runID: String) -> String {
        String(runID.prefix { $0 != "-" })
    }
}
