import Foundation
import GitKit
import Promotion

/// Where evidence is read from: the files under PATH/evidence, or a git revision (`--rev`,
/// e.g. a promotion branch a reviewer is about to approve).
enum EvidenceSource {
    static let revisionOption = OptionSpec(
        "rev", .value(name: "REF"), help: "Read evidence from this revision (e.g. a promotion branch) instead of the files.")

    static func load(root: String, revision: String?) throws -> [String: [String: [UInt8]]] {
        if let revision {
            do {
                let repository = try Repository.open(at: root)
                let commit = try repository.resolve(revision)
                return try ChainHead.evidence(repository: repository, at: commit)
            } catch let error as GitError {
                throw CommandFailure(message: error.description)
            } catch let error as PromotionError {
                throw CommandFailure(message: error.description)
            }
        }
        let folder = root + "/evidence"
        var runs: [String: [String: [UInt8]]] = [:]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        for run in names where !run.hasPrefix(".") {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + run) else { continue }
            for file in files {
                if let data = FileManager.default.contents(atPath: "\(folder)/\(run)/\(file)") {
                    runs[run, default: [:]][file] = Array(data)
                }
            }
        }
        return runs
    }
}
