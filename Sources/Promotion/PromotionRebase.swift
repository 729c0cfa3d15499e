import Formats
import GitKit

/// Brings a promotion branch up to a target that moved since the branch was made (other
/// promotions were merged meanwhile): the branch's files are committed again on the target's
/// tip, with state pointers resolved so the newest run wins. Evidence files are copied byte for
/// byte, so every manifest digest still holds. Returns the revision to merge.
public enum PromotionRebase {
    public static func rebase(
        repository: Repository, branchTip: ObjectID, base: ObjectID, targetTip: ObjectID, runID: String,
        author: Commit.Signature
    ) throws(PromotionError) -> String {
        do {
            let changed = try repository.changedPaths(from: base, to: branchTip)
            let proposed = try files(repository, at: branchTip, paths: changed)
            let current = try files(repository, at: targetTip, paths: changed)
            var out: [String: [UInt8]] = [:]
            for path in changed {
                guard let mine = proposed[path] else { continue }
                out[path] = resolve(path: path, mine: mine, theirs: current[path], runID: runID)
            }
            let temporary = "agentplane/rebased/" + runID
            _ = try repository.deleteBranch(temporary)
            try repository.writeCommit(
                on: temporary, parent: targetTip, files: out,
                message: "agentplane: run \(runID) on \(targetTip.short) (target moved)", author: author)
            return temporary
        } catch {
            throw .git(error)
        }
    }

    /// The newest run wins a pointer; a node pointer that wins keeps the target's current as its previous.
    static func resolve(path: String, mine: [UInt8], theirs: [UInt8]?, runID: String) -> [UInt8] {
        guard let theirs else { return mine }
        if path.hasPrefix("state/pointers/nodes/"), let proposed = NodePointer.decode(mine), let existing = NodePointer.decode(theirs) {
            if existing.current.runID > proposed.current.runID { return theirs }
            var merged = proposed
            if existing.current.runID != proposed.current.runID { merged.previous = existing.current }
            return merged.encoded()
        }
        if path.hasPrefix("state/pointers/stages/"), let a = try? JSONReader.parse(mine), let b = try? JSONReader.parse(theirs),
            let mineRun = a["runId"]?.stringValue, let theirRun = b["runId"]?.stringValue, theirRun > mineRun
        {
            return theirs
        }
        return mine
    }

    static func files(_ repository: Repository, at commit: ObjectID, paths: [String]) throws(GitError) -> [String: [UInt8]] {
        let wanted = Set(paths)
        let folders = Set(paths.map { String($0[..<($0.lastIndex(of: "/") ?? $0.startIndex)]) })
        var out: [String: [UInt8]] = [:]
        for file in try repository.files(under: Array(folders).sorted(), at: commit, maxBlobSize: 16 << 20)
        where wanted.contains(file.path) {
            out[file.path] = file.bytes
        }
        return out
    }
}
