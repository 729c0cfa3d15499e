import DesiredState
import Foundation
import PlaneModel
import Testing
import Validation

#if canImport(Glibc)
import Glibc
#endif

/// DesiredStateReader on a directory: what is read, in which order, and every problem reported.
@Suite struct DirectoryReaderTests {
    private func read(_ directory: TemporaryDirectory, options: SourceReadOptions = .init()) -> DesiredSources {
        DesiredStateReader.read(directory: directory.path, options: options)
    }

    @Test func readsTheDocumentsSortedByPathAndTheyValidate() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        let sources = read(directory)
        #expect(sources.diagnostics.map(\.formatted) == [])
        #expect(sources.files.map(\.path) == [
            "desired/agentpods/web.json", "desired/bundles/core.json", "desired/profiles/personal.json",
            "fleet/inventory.json",
        ])
        #expect(sources.files.first?.bytes == Array(TestDocuments.pod("web").utf8))
        #expect(Validator().validate(sources).isValid)
    }

    @Test func aPathThatDoesNotExist() {
        let sources = DesiredStateReader.read(directory: "/nonexistent/agentplane-repo")
        #expect(sources.diagnostics.map(\.formatted) == ["error: '/nonexistent/agentplane-repo': no such directory"])
        #expect(sources.files.isEmpty)
    }

    @Test func aPathThatIsAFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("file.json", "{}")
        let sources = DesiredStateReader.read(directory: directory.path + "/file.json")
        #expect(sources.diagnostics.map(\.formatted) == [
            "error: '\(directory.path)/file.json' is not a directory; give the directory that holds desired/ and fleet/"
        ])
    }

    @Test func missingDesiredAndFleetDirectories() throws {
        let directory = try TemporaryDirectory()
        try directory.write("README.md", "hello\n")
        #expect(read(directory).diagnostics.map(\.formatted) == [
            "desired/: error: directory not found in '\(directory.path)'; a desired-state repository holds desired/ and fleet/ at its top level",
            "fleet/: error: directory not found in '\(directory.path)'; a desired-state repository holds desired/ and fleet/ at its top level",
        ])
    }

    @Test func missingFleetInventoryAndDesiredAsAFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("desired", "not a directory")
        try directory.write("fleet/README.md", "nodes go in inventory.json\n")
        #expect(read(directory).diagnostics.map(\.formatted) == [
            "desired: error: expected a directory, found a file",
            "fleet/inventory.json: error: file not found; the fleet inventory (kind Fleet) is required",
        ])
    }

    @Test func symlinksAreNotFollowed() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        try directory.write("elsewhere/api.json", TestDocuments.pod("api"))
        try directory.symlink("desired/agentpods/api.json", to: "../../elsewhere/api.json")
        try directory.symlink("desired/agentpods/more", to: "../../elsewhere")
        #expect(read(directory).diagnostics.map(\.formatted) == [
            "desired/agentpods/api.json: error: symbolic link to '../../elsewhere/api.json'; documents must be regular files, symlinks are not followed",
            "desired/agentpods/more: error: symbolic link to '../../elsewhere'; documents must be regular files, symlinks are not followed",
        ])
    }

    @Test func aNamedPipeIsReportedAndNeverOpened() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        #expect(mkfifo(directory.path + "/desired/agentpods/pipe.json", 0o644) == 0)
        #expect(read(directory).diagnostics.map(\.formatted) == [
            "desired/agentpods/pipe.json: error: a named pipe, not a regular file; not read"
        ])
    }

    @Test func aFileOverTheLimit() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        let sources = read(directory, options: SourceReadOptions(maxFileSize: 100))
        #expect(sources.diagnostics.map(\.formatted).first
            == "desired/agentpods/web.json: error: file is \(TestDocuments.pod("web").utf8.count) bytes, over the 100-byte limit (100 bytes); not read")
        #expect(sources.files.isEmpty)
    }

    @Test func a100MegabyteFileIsRejectedWithoutReadingIt() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        try directory.sparseFile("desired/agentpods/huge.json", size: 100 * 1024 * 1024)
        let clock = ContinuousClock()
        var sources: DesiredSources?
        let elapsed = clock.measure { sources = read(directory) }
        #expect(sources?.diagnostics.map(\.formatted) == [
            "desired/agentpods/huge.json: error: file is 104857600 bytes, over the 4194304-byte limit (4 MiB); not read"
        ])
        #expect(sources?.files.count == 4)
        #expect(elapsed < .seconds(2), "reading must stop at the size check, took \(elapsed)")
    }

    @Test func binaryFilesWithNULOrInvalidUTF8() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        try directory.write("desired/agentpods/nul.json", bytes: Array("{\n  \"a\": ".utf8) + [0] + Array("}".utf8))
        try directory.write("desired/agentpods/latin1.json", bytes: Array("{\"name\": \"gr".utf8) + [0xFC] + Array("n\"}".utf8))
        #expect(read(directory).diagnostics.map(\.formatted) == [
            "desired/agentpods/latin1.json:1:13: error: binary file: invalid UTF-8 at byte offset 12; documents must be UTF-8 JSON text",
            "desired/agentpods/nul.json:2:8: error: binary file: NUL byte at byte offset 9; documents must be UTF-8 JSON text",
        ])
    }

    /// Documents are checked eight bytes at a time while they are plain ASCII: a NUL byte or a
    /// non-ASCII byte is found at every offset of a word and of the tail after the last word.
    @Test func aNULOrNonASCIIByteAtAnyOffsetOfALongDocument() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        let text = Array("{\n  \"note\": \"0123456789abcdefghij\"\n}".utf8)
        #expect(text.count == 36)
        for offset in 0..<text.count {
            var nul = text
            nul[offset] = 0
            try directory.write("desired/agentpods/nul.json", bytes: nul)
            let before = text[..<offset]
            let line = 1 + before.count { $0 == UInt8(ascii: "\n") }
            let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            #expect(read(directory).diagnostics.map(\.formatted) == [
                "desired/agentpods/nul.json:\(line):\(column): error: binary file: NUL byte at byte offset \(offset); documents must be UTF-8 JSON text"
            ])
            var latin1 = text
            latin1[offset] = 0xFC
            try directory.write("desired/agentpods/nul.json", bytes: latin1)
            #expect(read(directory).diagnostics.map(\.formatted) == [
                "desired/agentpods/nul.json:\(line):\(column): error: binary file: invalid UTF-8 at byte offset \(offset); documents must be UTF-8 JSON text"
            ])
        }
        // Well-formed non-ASCII text is text: it takes the byte-by-byte walk and passes.
        try directory.write("desired/agentpods/nul.json", bytes: Array("{\"note\": \"Grüße, 日本語 text of some length\"}".utf8))
        #expect(read(directory).diagnostics.map(\.formatted) == [])
    }

    @Test func unreadableFileAndDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        #expect(chmod(directory.path + "/desired/agentpods/web.json", 0) == 0)
        #expect(chmod(directory.path + "/desired/profiles", 0) == 0)
        let sources = try withFilesystemPermissionsEnforced { read(directory) }
        #expect(sources.diagnostics.map(\.formatted) == [
            "desired/agentpods/web.json: error: cannot read: Permission denied",
            "desired/profiles/: error: cannot read: Permission denied",
        ])
        #expect(sources.files.map(\.path) == ["desired/bundles/core.json", "fleet/inventory.json"])
    }

    @Test func filesOutsideTheLayout() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline)
        try directory.write("desired/pods/web.json", "{}")
        try directory.write("desired/agentpods/team/api.json", "{}")
        try directory.write("fleet/nodes.json", "{}")
        try directory.write("desired/agentpods/notes.txt", "todo\n")
        try directory.write("desired/agentpods/.gitkeep", "")
        try directory.write("desired/README.md", "docs\n")
        try directory.write("desired/.hidden/x.json", "{}")
        let hint = "documents go in desired/agentpods/, desired/bundles/ or desired/profiles/ as <name>.json, and the fleet in fleet/inventory.json"
        #expect(read(directory).diagnostics.map(\.formatted) == [
            "desired/agentpods/notes.txt: warning: ignored: not a .json file; \(hint)",
            "desired/agentpods/team/api.json: error: not a document location, so this file would never be applied; \(hint)",
            "desired/pods/web.json: error: not a document location, so this file would never be applied; \(hint)",
            "fleet/nodes.json: error: not a document location, so this file would never be applied; \(hint)",
        ])
    }

    @Test func readProblemsAndValidationErrorsAreReportedTogether() throws {
        let directory = try TemporaryDirectory()
        try directory.write(TestRepo.baseline.with("desired/agentpods/api.json", TestDocuments.pod("api", bundle: "nope")))
        try directory.write("desired/bundles/core.json", bytes: [0xFF, 0xFE])
        let report = Validator().validate(read(directory))
        // core.json could not be read: web's reference to bundle core is not reported as unknown.
        #expect(report.diagnostics.map(\.formatted) == [
            "desired/agentpods/api.json:6:15: error: /spec/bundle: unknown bundle 'nope': no Bundle has this name (expected in desired/bundles/nope.json)",
            "desired/bundles/core.json:1:1: error: binary file: invalid UTF-8 at byte offset 0; documents must be UTF-8 JSON text",
        ])
    }
}
