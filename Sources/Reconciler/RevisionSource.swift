import DesiredState
import Formats
import GitKit
import PlaneModel
import Validation

/// One revision of the desired-state repository: its commit, the tree ids that key a run, and
/// (loaded on demand) its validated documents.
struct RevisionSource {
    let repository: Repository
    let commit: ObjectID
    let label: String
    let desiredTree: ObjectID?
    let fleetTree: ObjectID?

    init(repository: Repository, revision: String) throws(ReconcileError) {
        self.repository = repository
        self.label = revision
        do {
            commit = try repository.resolve(revision)
            desiredTree = try repository.treeID(at: "desired", in: commit)
            fleetTree = try repository.treeID(at: "fleet", in: commit)
        } catch {
            throw .git(error)
        }
    }

    /// Reads and validates every document, marking `read` and `validate` in `timings`; an
    /// invalid revision throws with every diagnostic. Returns the report and, when `digests` is
    /// set, the SHA-256 of every file read (for the ValidationArtifact).
    func load(
        digests: Bool, timings: inout StageTimings
    ) throws(ReconcileError) -> (report: ValidationReport, files: [String: String]) {
        let sources = DesiredStateReader.read(repository, commit: commit, label: label)
        timings.mark("read")
        var report = Validator().validate(sources)
        timings.mark("validate")
        guard report.isValid else {
            throw .invalid(revision: commit.hex, diagnostics: report.diagnostics)
        }
        // Planning reads the decoded documents, not their parse trees: let those go before
        // rendering and observing (10,000 documents' trees are a third of a dry-run's memory),
        // freed on another thread while placement runs.
        let trees = report.nodes
        report.nodes = [:]
        BackgroundRelease.release(consume trees)
        guard digests else { return (report, [:]) }
        let hexes = sources.files.concurrentMap { SHA256.hex($0.bytes) }
        let files = Dictionary(zip(sources.files.map(\.path), hexes), uniquingKeysWith: { a, _ in a })
        return (report, files)
    }

    /// Reads only `fleet/inventory.json` (the fast path needs the nodes, not the documents).
    func loadFleet() throws(ReconcileError) -> Fleet {
        let files: [TreeFile]
        do {
            files = try repository.files(under: ["fleet"], at: commit, maxBlobSize: 4 * 1024 * 1024)
        } catch {
            throw .git(error)
        }
        let path = "fleet/inventory.json"
        let invalid = ReconcileError.invalid(
            revision: commit.hex, diagnostics: [Diagnostic(file: path, code: "fleet", message: "fleet inventory unreadable")])
        guard let bytes = files.first(where: { $0.path == path })?.bytes else { throw invalid }
        guard let node = try? JSONReader.parse(bytes),
            case .success(.fleet(let fleet)) = DocumentDecoder.decode(node, path: path, expecting: .fleet)
        else { throw invalid }
        return fleet
    }
}
