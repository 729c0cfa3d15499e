import Evidence
import Foundation
import GitKit
import Promotion
import StateStore

/// The reviewer's side of promotion branches, over a local repository.
struct PromotionReview {
    let repository: Repository
    let target: String
    /// For a remote repository: branches are read as `origin/…`, and approvals are pushed.
    var remote: Bool = false

    static func open(_ location: RepositoryLocation, into branch: String?) throws -> PromotionReview {
        do {
            let repository = try Repository.open(at: location.path)
            let target: String
            if let branch {
                target = branch
            } else if location.isRemote {
                target = try repository.defaultBranch(remote: "origin") ?? "main"
            } else {
                target = try PromotionBranches.headBranch(repository)
            }
            return PromotionReview(repository: repository, target: target, remote: location.isRemote)
        } catch let error as GitError {
            throw CommandFailure(message: error.description)
        } catch let error as PromotionError {
            throw CommandFailure(message: error.description)
        }
    }

    /// `run-id` or `agentplane/promote/run-id` → the branch name.
    static func branchName(_ text: String) -> String {
        text.hasPrefix(PromotionWriter.branchPrefix) ? text : PromotionWriter.branchPrefix + text
    }

    /// The revision to read a branch at: `origin/<branch>` for a remote.
    func revision(of branch: String) -> String { remote ? "origin/" + branch : branch }

    func tip(of branch: String) throws -> ObjectID {
        do {
            let tip = remote ? try repository.remoteBranchTip(branch, remote: "origin") : try repository.branchTip(branch)
            guard let tip else {
                throw CommandFailure(message: "no promotion branch '\(branch)'; see `agentplane promote list`")
            }
            return tip
        } catch let error as GitError {
            throw CommandFailure(message: error.description)
        }
    }

    func list(context: CommandContext) throws -> ExitCode {
        let branches: [BranchTip]
        do {
            let prefix = (remote ? "origin/" : "") + PromotionWriter.branchPrefix
            branches = try repository.branches(matching: prefix)
                .filter { $0.reference.hasPrefix(remote ? "refs/remotes/" : "refs/heads/") }
        } catch {
            throw CommandFailure(message: error.description)
        }
        guard !branches.isEmpty else {
            context.console.out("no promotion branches waiting for review\n")
            return .success
        }
        var rows: [[String]] = []
        for branch in branches {
            let commit = try? repository.commit(branch.tip)
            rows.append([branch.name, String(branch.tip.hex.prefix(12)), commit?.summary ?? ""])
        }
        context.console.out(TextTable.render(header: ["BRANCH", "COMMIT", "SUMMARY"], rows: rows))
        return .success
    }

    func show(_ branch: String, context: CommandContext) throws -> ExitCode {
        let tip = try tip(of: branch)
        let runID = String(branch.dropFirst(PromotionWriter.branchPrefix.count))
        let runs: [String: [String: [UInt8]]]
        do {
            runs = try ChainHead.evidence(repository: repository, at: tip)
        } catch {
            throw CommandFailure(message: error.description)
        }
        guard let summary = runs[runID]?["SUMMARY.md"] else {
            throw CommandFailure(message: "\(branch) has no evidence/\(runID)/SUMMARY.md")
        }
        context.console.out(String(decoding: summary, as: UTF8.self))
        let findings = EvidenceVerifier.verify(runs, only: runID)
        context.console.out(findings.isEmpty
            ? "\nevidence verifies. Approve with `agentplane promote approve \(branch)`.\n"
            : "\nevidence does NOT verify:\n" + findings.map { "  ✗ \($0.description)\n" }.joined())
        return findings.isEmpty ? .success : .failure
    }

    func reject(_ branch: String, reason: String, stateDirectory: String, context: CommandContext) throws -> ExitCode {
        let tip = try tip(of: branch)
        do {
            if remote {
                try repository.deleteRemoteBranch(branch, remote: "origin")
            } else {
                _ = try repository.deleteBranch(branch)
            }
        } catch {
            throw CommandFailure(message: error.description)
        }
        if let store = try? StateStore.open(directory: stateDirectory) {
            try? store.recordReview(branch: branch, commit: tip.hex, decision: "rejected", reviewer: nil, reason: reason, mergeCommit: nil)
        }
        context.console.out("rejected \(branch) (\(tip.hex.prefix(12))): \(reason)\n")
        return .success
    }
}
