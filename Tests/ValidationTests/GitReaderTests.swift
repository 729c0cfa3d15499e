import DesiredState
import Foundation
import Testing
import Validation

/// DesiredStateReader on a git commit: the commit's tree, never the work tree, with the same
/// checks as a directory.
@Suite struct GitReaderTests {
    @Test func readsTheCommitNotTheWorkTree() throws {
        let sandbox = try GitSandbox()
        try sandbox.directory.write(TestRepo.baseline)
        let commit = try sandbox.commitAll("baseline")
        // Work-tree changes after the commit must not be seen.
        try FileManager.default.removeItem(atPath: sandbox.path + "/desired/agentpods/web.json")
        try sandbox.directory.write("desired/bundles/core.json", "garbage")

        let sources = DesiredStateReader.read(repository: sandbox.path, revision: "main")
        #expect(sources.diagnostics.map(\.formatted) == [])
        #expect(sources.commit == commit)
        #expect(sources.files.map(\.path) == [
            "desired/agentpods/web.json", "desired/bundles/core.json", "desired/profiles/personal.json",
            "fleet/inventory.json",
        ])
        #expect(sources.files.map { String(decoding: $0.bytes, as: UTF8.self) } == TestRepo.baseline.files.keys.sorted().map { TestRepo.baseline.files[$0] ?? "" })
        #expect(Validator().validate(sources).isValid)
    }

    @Test func symlinksSubmodulesBinaryAndOversizedBlobs() throws {
        let sandbox = try GitSandbox()
        try sandbox.directory.write(TestRepo.baseline)
        let first = try sandbox.commitAll("baseline")
        try sandbox.directory.symlink("desired/agentpods/link.json", to: "web.json")
        try sandbox.directory.write("desired/profiles/nul.json", bytes: Array("{\"a\":".utf8) + [0] + Array("}".utf8))
        try sandbox.directory.sparseFile("desired/bundles/huge.json", size: 100 * 1024 * 1024)
        try sandbox.git("add", "-A")
        try sandbox.git("update-index", "--add", "--cacheinfo", "160000,\(first),desired/agentpods/vendor")
        try sandbox.git("commit", "-q", "-m", "broken")

        let sources = DesiredStateReader.read(repository: sandbox.path, revision: "HEAD")
        #expect(sources.diagnostics.map(\.formatted) == [
            "desired/agentpods/link.json: error: symbolic link; documents must be regular files, symlinks are not followed",
            "desired/agentpods/vendor: error: git submodule; documents must be regular files of this repository, submodules are not read",
            "desired/bundles/huge.json: error: file is 104857600 bytes, over the 4194304-byte limit (4 MiB); not read",
            "desired/profiles/nul.json:1:6: error: binary file: NUL byte at byte offset 5; documents must be UTF-8 JSON text",
        ])
        #expect(sources.files.count == 4)
    }

    @Test func sameLayoutRulesAsADirectory() throws {
        let sandbox = try GitSandbox()
        try sandbox.directory.write(TestRepo.baseline)
        try sandbox.directory.write("desired/pods/web.json", "{}")
        try sandbox.directory.write("desired/agentpods/notes.txt", "todo\n")
        try sandbox.directory.write("desired/README.md", "docs\n")
        try sandbox.commitAll("layout")
        let hint = "documents go in desired/agentpods/, desired/bundles/ or desired/profiles/ as <name>.json, and the fleet in fleet/inventory.json"
        let fromGit = DesiredStateReader.read(repository: sandbox.path, revision: "HEAD")
        let fromDisk = DesiredStateReader.read(directory: sandbox.path)
        #expect(fromGit.diagnostics.map(\.formatted) == [
            "desired/agentpods/notes.txt: warning: ignored: not a .json file; \(hint)",
            "desired/pods/web.json: error: not a document location, so this file would never be applied; \(hint)",
        ])
        #expect(fromDisk.diagnostics == fromGit.diagnostics)
        #expect(fromDisk.files == fromGit.files)
    }

    @Test func missingDirectoriesInTheCommit() throws {
        let sandbox = try GitSandbox()
        try sandbox.directory.write("README.md", "empty\n")
        let commit = try sandbox.commitAll("empty")
        let short = String(commit.prefix(7))
        #expect(DesiredStateReader.read(repository: sandbox.path, revision: "HEAD").diagnostics.map(\.formatted) == [
            "desired/: error: directory not found in commit \(short) ('HEAD'); a desired-state repository holds desired/ and fleet/ at its top level",
            "fleet/: error: directory not found in commit \(short) ('HEAD'); a desired-state repository holds desired/ and fleet/ at its top level",
        ])
    }

    @Test func unknownRevisionAndMissingRepository() throws {
        let sandbox = try GitSandbox()
        try sandbox.directory.write(TestRepo.baseline)
        try sandbox.commitAll("baseline")
        let unknown = DesiredStateReader.read(repository: sandbox.path, revision: "no-such-branch")
        #expect(unknown.diagnostics.map(\.code) == ["git"])
        #expect(unknown.diagnostics.first?.formatted.hasPrefix("error: revision 'no-such-branch' not found") == true)
        #expect(unknown.files.isEmpty)

        let plain = try TemporaryDirectory()
        let notARepository = DesiredStateReader.read(repository: plain.path, revision: "HEAD")
        #expect(notARepository.diagnostics.map(\.code) == ["git"])
        #expect(notARepository.diagnostics.first?.formatted.hasPrefix("error: '\(plain.path)' is not a git repository") == true)
    }
}
