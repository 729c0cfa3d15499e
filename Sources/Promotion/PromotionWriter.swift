import Evidence
import Formats
import GitKit

/// Writes a run's evidence and state pointers as a commit on a new promotion branch
/// `agentplane/promote/<run-id>`, based on the tip of the target branch. Never touches the work
/// tree, the index or the target branch itself.
public struct PromotionWriter {
    public static let branchPrefix = "agentplane/promote/"

    public let repository: Repository
    public let targetBranch: String
    public let author: Commit.Signature

    public init(repository: Repository, targetBranch: String, author: Commit.Signature) {
        self.repository = repository
        self.targetBranch = targetBranch
        self.author = author
    }

    public static func branch(for runID: String) -> String { branchPrefix + runID }

    /// The tip of the target branch.
    public func targetTip() throws(PromotionError) -> ObjectID {
        do {
            return try repository.resolve("refs/heads/" + targetBranch)
        } catch {
            throw .git(error)
        }
    }

    /// The node pointer of `node` at the target's tip, if any (its `current` becomes `previous`).
    public func currentPointer(node: String) throws(PromotionError) -> NodePointer? {
        let tip = try targetTip()
        return try readFile(NodePointer.path(for: node), at: tip).flatMap(NodePointer.decode)
    }

    /// The revision the target's tip promotes `stage` to, if any.
    public func currentStageRevision(_ stage: String) throws(PromotionError) -> String? {
        let tip = try targetTip()
        guard let bytes = try readFile(StagePointerFile.path(for: stage), at: tip),
            let node = try? JSONReader.parse(bytes)
        else { return nil }
        return node["revision"]?.stringValue
    }

    /// Commits `files` (repository paths → bytes) on `agentplane/promote/<runID>`; returns the
    /// branch and its commit.
    public func write(
        runID: String, files: [String: [UInt8]], message: String, signer: CommitSigner? = nil
    ) throws(PromotionError) -> (branch: String, commit: ObjectID) {
        let branch = Self.branch(for: runID)
        let tip = try targetTip()
        do {
            let commit = try repository.writeCommit(
                on: branch, parent: tip, files: files, message: message, author: author, signer: signer)
            return (branch, commit)
        } catch {
            throw .git(error)
        }
    }

    func readFile(_ path: String, at commit: ObjectID) throws(PromotionError) -> [UInt8]? {
        do {
            let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            return try repository.files(under: [directory], at: commit, maxBlobSize: 1 << 20).first { $0.path == path }?.bytes
        } catch {
            throw .git(error)
        }
    }
}
