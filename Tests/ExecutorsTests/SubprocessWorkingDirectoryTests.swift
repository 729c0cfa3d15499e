import Foundation
import Testing

@testable import Executors

/// A subprocess may start in another folder; this process's own folder never changes.
struct SubprocessWorkingDirectoryTests {
    @Test func theChildStartsInTheGivenFolder() throws {
        let folder = try TemporaryFolder()
        let before = FileManager.default.currentDirectoryPath
        let result = try Subprocess(argv: ["/bin/sh", "-c", "pwd -P"], workingDirectory: folder.path).runChecked()
        #expect(result.stdoutText == URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path + "\n")
        #expect(FileManager.default.currentDirectoryPath == before)
    }

    @Test func aMissingFolderIsALaunchFailure() throws {
        let folder = try TemporaryFolder()
        let error = try #require(throws: ExecutorError.self) {
            try Subprocess(argv: ["/bin/true"], workingDirectory: folder.path + "/missing").run()
        }
        #expect(error.description == "cannot run /bin/true: No such file or directory")
        #expect(!error.isRetryable)
    }
}
