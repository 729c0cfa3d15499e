import GitKit

/// Why a promotion step failed.
public enum PromotionError: Error, Sendable, CustomStringConvertible {
    case git(GitError)
    case noSuchBranch(String)
    /// The branch changes files outside evidence/ and state/.
    case touchesOutside(branch: String, paths: [String])
    /// The branch's base is not an ancestor of the target: it was not made from this history.
    case unrelatedBase(branch: String, target: String)
    /// The branch's evidence does not verify.
    case evidence(branch: String, findings: [String])
    /// The promotion commit is not signed by an allowed key.
    case signature(branch: String, message: String)

    public var description: String {
        switch self {
        case .git(let error): error.description
        case .noSuchBranch(let name): "no promotion branch '\(name)'"
        case .touchesOutside(let branch, let paths):
            "\(branch) changes files outside evidence/ and state/: \(paths.prefix(10).joined(separator: ", ")); refusing to merge"
        case .unrelatedBase(let branch, let target):
            "\(branch) is not based on \(target)'s history; refusing to merge"
        case .evidence(let branch, let findings):
            "\(branch): evidence does not verify:\n  " + findings.joined(separator: "\n  ")
        case .signature(let branch, let message): "\(branch): \(message)"
        }
    }
}
