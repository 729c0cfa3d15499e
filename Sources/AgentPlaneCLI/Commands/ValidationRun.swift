import Foundation
import PlaneModel

/// The result of validating one desired-state source, as the CLI presents it.
struct ValidationOutcome: Sendable {
    var source: String
    var revision: String?
    var fileCount: Int
    var documents: DesiredDocuments
    var diagnostics: [Diagnostic]
}

/// Loads and validates a desired-state source for the CLI.
enum ValidationRun {
    static func perform(root: String, revision: String?) throws -> ValidationOutcome {
        throw CommandFailure(message: "validation is not wired yet")
    }
}
