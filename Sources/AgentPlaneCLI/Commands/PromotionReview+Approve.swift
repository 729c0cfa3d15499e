import Evidence
import Foundation
import GitKit
import Promotion
import StateStore

extension PromotionReview {
    /// Verifies a promotion branch and merges it into the target with a merge commit by the
    /// reviewer, then deletes it. Refuses a branch whose base is not in the target's history, that
    /// touches anything outside evidence/ and state/, whose evidence does not verify against the
    /// target's chain, or (with `allowedSigners`) whose commit is not signed by an allowed key.
    func approve(
        _ branch: String, reviewer: Commit.Signature?, allowedSigners: String?, signKey: String?, context: CommandContext,
        attempt: Int = 1
    ) throws -> ExitCode {
        let tip = try tip(of: branch)
        let runID = String(branch.dropFirst(PromotionWriter.branchPrefix.count))
        do {
            if remote, let remoteTip = try repository.remoteBranchTip(target, remote: "origin") {
                try repository.setBranch(target, to: remoteTip)
            }
            let targetTip = try repository.resolve("refs/heads/" + target)
            let commit = try repository.commit(tip)
            guard let base = try repository.mergeBase(tip, targetTip), try repository.isAncestor(base, of: targetTip) else {
                throw CommandFailure(message: PromotionError.unrelatedBase(branch: branch, target: target).description)
            }
            let outside = try repository.changedPaths(from: base, to: tip)
                .filter { !$0.hasPrefix("evidence/") && !$0.hasPrefix("state/") }
            guard outside.isEmpty else {
                throw CommandFailure(message: PromotionError.touchesOutside(branch: branch, paths: outside).description)
            }
            // The run's evidence must verify as part of the target's chain.
            var runs = try ChainHead.evidence(repository: repository, at: targetTip)
            let proposed = try ChainHead.evidence(repository: repository, at: tip)
            guard let files = proposed[runID] else {
                throw CommandFailure(message: "\(branch) carries no evidence/\(runID)/")
            }
            runs[runID] = files
            let findings = EvidenceVerifier.verify(runs, only: runID)
            guard findings.isEmpty else {
                throw CommandFailure(message: PromotionError.evidence(branch: branch, findings: findings.map(\.description)).description)
            }
            if let allowedSigners {
                try SignaturePolicy.require(commit: tip, in: repository, allowedSigners: allowedSigners, what: branch)
            }
            let signature = reviewer ?? (try? repository.configuredSignature())
                ?? Commit.Signature(name: "agentplane reviewer", email: "reviewer@localhost", time: Int64(Date().timeIntervalSince1970))
            let message = """
                Approve promotion \(runID)

                \(commit.summary)
                Reviewed-by: \(signature.name) <\(signature.email)>
                """
            let checkedOut = try repository.checkedOutBranch() == target
            // The target moved since the branch was made: replay the branch on its tip first, so
            // concurrent promotions never conflict (the newest run wins each state pointer).
            var source = revision(of: branch)
            var rebased: String?
            if base != targetTip {
                rebased = try PromotionRebase.rebase(
                    repository: repository, branchTip: tip, base: base, targetTip: targetTip, runID: runID, author: signature)
                source = rebased ?? source
            }
            let merge = try repository.mergeCommit(
                into: target, from: source, message: message, author: signature, signer: signKey.map { SSHSigner(keyPath: $0).sign })
            if let rebased { try repository.deleteBranch(rebased) }
            if remote {
                if try !pushTarget(retrying: attempt < 4) {
                    // The target moved on the remote meanwhile: fetch, rebuild on its new tip, retry.
                    try repository.fetch(remote: "origin")
                    return try approve(
                        branch, reviewer: reviewer, allowedSigners: allowedSigners, signKey: signKey, context: context,
                        attempt: attempt + 1)
                }
                try repository.deleteRemoteBranch(branch, remote: "origin")
            } else {
                try repository.deleteBranch(branch)
            }
            if checkedOut {
                // The target is this work tree's branch: bring the evidence and pointers into it.
                try repository.checkoutHead(from: targetTip)
            }
            context.console.out("approved \(branch): merged into \(target) as \(merge.hex.prefix(12)); branch deleted\n")
            return .success
        } catch let error as GitError {
            throw CommandFailure(message: error.description)
        } catch let error as PromotionError {
            throw CommandFailure(message: error.description)
        }
    }
}

extension PromotionReview {
    /// Pushes the target; false when the remote rejected it and a retry is allowed.
    func pushTarget(retrying: Bool) throws(GitError) -> Bool {
        do {
            try repository.push(branch: target, to: "origin")
            return true
        } catch {
            if case .pushRejected = error, retrying { return false }
            throw error
        }
    }
}

/// `--require-signed` / `--allowed-signers`: a commit must carry an SSH signature by an allowed key.
enum SignaturePolicy {
    static func require(commit: ObjectID, in repository: Repository, allowedSigners: String, what: String) throws {
        guard let signed = try repository.signature(of: commit) else {
            throw CommandFailure(message: "\(what) (\(commit.hex.prefix(12))) is not signed; an allowed signature is required")
        }
        do {
            _ = try SSHSigner.verify(signature: signed.signature, payload: Array(signed.signedData.utf8), allowedSigners: allowedSigners)
        } catch {
            throw CommandFailure(message: "\(what) (\(commit.hex.prefix(12))): \(error.description)")
        }
    }
}
