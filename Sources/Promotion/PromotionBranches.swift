import Foundation
import GitKit

/// Names and lookups shared by the writer and the reviewer.
public enum PromotionBranches {
    /// The branch `HEAD` names (`ref: refs/heads/<branch>` in the git directory's HEAD file).
    public static func headBranch(_ repository: Repository) throws(PromotionError) -> String {
        let path = repository.gitDirectory.hasSuffix("/") ? repository.gitDirectory + "HEAD" : repository.gitDirectory + "/HEAD"
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            text.hasPrefix("ref: refs/heads/")
        else {
            throw .noSuchBranch("HEAD (detached; name the branch)")
        }
        return String(text.dropFirst("ref: refs/heads/".count))
    }

    /// Tips of every pending local promotion branch.
    public static func pendingTips(_ repository: Repository) -> [ObjectID] {
        ((try? repository.branches(matching: PromotionWriter.branchPrefix)) ?? [])
            .filter { $0.reference.hasPrefix("refs/heads/") }.map(\.tip)
    }
}
