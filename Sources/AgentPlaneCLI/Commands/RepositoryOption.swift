import Foundation
import GitKit

/// `--repo URL|PATH`: a local repository is used in place; a URL (or `--repo` naming a remote)
/// goes through a bare mirror under `<state-dir>/repos/`, fetched on every use.
struct RepositoryLocation: Sendable {
    /// Where the repository lives on disk (the mirror for a URL).
    var path: String
    /// The remote URL, or nil for a local repository.
    var url: String?

    var isRemote: Bool { url != nil }

    static func isURL(_ text: String) -> Bool {
        text.contains("://") || (text.contains("@") && text.contains(":") && !text.hasPrefix("/"))
    }

    static func resolve(_ text: String?, stateDirectory: String, context: CommandContext) throws -> RepositoryLocation {
        let value = text ?? "."
        guard isURL(value) else { return RepositoryLocation(path: context.absolutePath(value), url: nil) }
        do {
            let mirror = try RepositoryCache.open(url: value, stateDirectory: stateDirectory)
            return RepositoryLocation(path: mirror.gitDirectory, url: value)
        } catch {
            throw CommandFailure(message: "cannot fetch \(value): \(error.description)")
        }
    }

    /// The commit a user's `--ref` names (for a remote: its branches first), as a hex id, and
    /// the branch promotions of that run are based on.
    func target(_ ref: String?) throws -> (commit: String?, branch: String?) {
        guard isRemote else { return (nil, nil) }
        do {
            let repository = try Repository.open(at: path)
            let branch = try ref ?? repository.defaultBranch(remote: "origin") ?? "main"
            let commit = try repository.resolve(branch, fetchedFrom: "origin")
            let isBranch = try repository.remoteBranchTip(branch, remote: "origin") != nil
            if isBranch {
                // Promotion branches are based on the remote's tip of the branch.
                try repository.setBranch(branch, to: commit)
            }
            return (commit.hex, isBranch ? branch : nil)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }
}
