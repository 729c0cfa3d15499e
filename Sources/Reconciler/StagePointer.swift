import Formats
import GitKit

/// `state/pointers/stages/<stage>.json`: the revision nodes of a later stage reconcile.
///
/// Written only by promotions (a merged promotion branch is the approval); absent means the stage
/// has nothing promoted yet, and its nodes are left as they are.
public struct StagePointer: Hashable, Sendable {
    public var stage: String
    public var revision: String

    public static func path(for stage: String) -> String { "state/pointers/stages/\(stage).json" }

    /// Reads the pointer of `stage` from `commit`, or nil when the file is absent.
    static func read(stage: String, in repository: Repository, at commit: ObjectID) throws(ReconcileError) -> StagePointer? {
        let path = path(for: stage)
        let files: [TreeFile]
        do {
            files = try repository.files(under: ["state/pointers/stages"], at: commit, maxBlobSize: 64 * 1024)
        } catch {
            throw .git(error)
        }
        guard let file = files.first(where: { $0.path == path }) else { return nil }
        guard let bytes = file.bytes else {
            throw .invalidPointer(path: path, message: "not a regular file of at most 64 KiB")
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes)
        } catch {
            throw .invalidPointer(path: path, message: error.description)
        }
        guard let revision = node.value.objectValue?["revision"]?.value.stringValue,
            ObjectID(hex: revision) != nil
        else {
            throw .invalidPointer(path: path, message: "expected {\"revision\": \"<40-hex commit id>\"}")
        }
        return StagePointer(stage: stage, revision: revision)
    }
}
