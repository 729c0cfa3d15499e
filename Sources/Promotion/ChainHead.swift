import Evidence
import Formats
import GitKit

/// The newest evidence manifest of the fleet's chain: the run with the greatest id among the
/// evidence on the target branch and on every pending promotion branch. The next run links to
/// its digest.
public enum ChainHead {
    public static func latestManifestDigest(
        repository: Repository, commits: [ObjectID]
    ) throws(PromotionError) -> String? {
        var best: (runID: String, digest: String)?
        for commit in commits {
            let files: [TreeFile]
            do {
                files = try repository.files(under: ["evidence"], at: commit, maxBlobSize: 1 << 20)
            } catch {
                throw .git(error)
            }
            for file in files where file.path.hasSuffix("/manifest.json") {
                guard let bytes = file.bytes, let manifest = Manifest.decode(bytes) else { continue }
                if best == nil || manifest.runID > (best?.runID ?? "") {
                    best = (manifest.runID, SHA256.hex(bytes))
                }
            }
        }
        return best?.digest
    }

    /// Every run's evidence files at `commit`: run id → file name → bytes.
    public static func evidence(repository: Repository, at commit: ObjectID) throws(PromotionError) -> [String: [String: [UInt8]]] {
        let files: [TreeFile]
        do {
            files = try repository.files(under: ["evidence"], at: commit, maxBlobSize: 16 << 20)
        } catch {
            throw .git(error)
        }
        var runs: [String: [String: [UInt8]]] = [:]
        for file in files {
            let parts = file.path.split(separator: "/", maxSplits: 2).map(String.init)
            guard parts.count == 3, let bytes = file.bytes else { continue }
            runs[parts[1], default: [:]][parts[2]] = bytes
        }
        return runs
    }
}
