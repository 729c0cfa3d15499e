import DesiredState
import Foundation
import Testing
import Validation

/// The project's own desired/ and fleet/ (the example state at the repository root) are valid.
@Suite struct RepositoryStateTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func theRepositorysOwnDesiredStateValidatesClean() {
        let report = Validator().validate(DesiredStateReader.read(directory: Self.repositoryRoot))
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.isValid)
        #expect(!report.documents.pods.isEmpty)
        #expect(!report.documents.bundles.isEmpty)
        #expect(!report.documents.profiles.isEmpty)
        #expect(report.documents.fleet != nil)
    }
}
