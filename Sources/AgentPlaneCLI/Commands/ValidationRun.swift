import DesiredState
import Foundation
import PlaneModel
import Validation

/// The result of validating one desired-state source, as the CLI presents it.
struct ValidationOutcome: Sendable {
    var source: String
    var revision: String?
    var fileCount: Int
    var documents: DesiredDocuments
    var diagnostics: [Diagnostic]
}

/// Loads and validates a desired-state source for the CLI: files on disk, or a git revision.
enum ValidationRun {
    static func perform(root: String, revision: String?) -> ValidationOutcome {
        let sources: DesiredSources
        if let revision {
            sources = DesiredStateReader.read(repository: root, revision: revision)
        } else {
            sources = DesiredStateReader.read(directory: root)
        }
        let report = Validator().validate(sources)
        return ValidationOutcome(
            source: root, revision: sources.commit, fileCount: report.fileCount, documents: report.documents,
            diagnostics: report.diagnostics)
    }
}
