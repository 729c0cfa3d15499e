import Foundation
import Testing

@testable import GitKit

/// Symlinks, submodules, oversized blobs and names that are not UTF-8 reach the caller as such.
@Suite struct TreeEntryKindsTests {
    @Test func aSymlinkIsReportedAsASymlinkWithoutContent() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        try FileManager.default.createSymbolicLink(
            atPath: sandbox.path + "/desired/agentpods/alias.json", withDestinationPath: "web.json")
        let head = try #require(ObjectID(hex: try sandbox.commit("link")))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: 1 << 20)
        let link = try #require(files.first { $0.path == "desired/agentpods/alias.json" })
        #expect(link.mode == .symlink)
        #expect(link.bytes == nil)
        #expect(link.size == "web.json".utf8.count)
        #expect(!link.isRegularFile)
        #expect(!link.isOversized)
    }

    @Test func aSubmoduleIsReportedAsASubmodule() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        let first = try sandbox.commit("first")
        try sandbox.git("update-index", "--add", "--cacheinfo", "160000,\(first),desired/sub")
        try sandbox.git("commit", "-q", "-m", "add a gitlink")
        let head = try #require(ObjectID(hex: try sandbox.git("rev-parse", "HEAD")))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: 1 << 20)
        #expect(files.map(\.path) == ["desired/agentpods/web.json", "desired/sub"])
        let submodule = try #require(files.last)
        #expect(submodule.mode == .submodule)
        #expect(submodule.objectID.hex == first)
        #expect(submodule.size == nil)
        #expect(submodule.bytes == nil)
    }

    @Test func aBlobOverTheLimitIsListedWithItsSizeButNotRead() throws {
        let sandbox = try GitSandbox()
        let megabyte = 1 << 20
        try sandbox.write("desired/huge.json", bytes: Array(repeating: UInt8(ascii: " "), count: 5 * megabyte))
        try sandbox.write("desired/exact.json", bytes: Array(repeating: UInt8(ascii: "x"), count: megabyte))
        try sandbox.write("desired/over.json", bytes: Array(repeating: UInt8(ascii: "y"), count: megabyte + 1))
        let head = try #require(ObjectID(hex: try sandbox.commit("big")))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: megabyte)
        #expect(files.map(\.path) == ["desired/exact.json", "desired/huge.json", "desired/over.json"])
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        let huge = try #require(byPath["desired/huge.json"])
        #expect(huge.size == 5 * megabyte)
        #expect(huge.bytes == nil)
        #expect(huge.isOversized)
        #expect(byPath["desired/exact.json"]?.bytes?.count == megabyte)
        #expect(byPath["desired/exact.json"]?.isOversized == false)
        #expect(byPath["desired/over.json"]?.bytes == nil)
        #expect(byPath["desired/over.json"]?.size == megabyte + 1)
    }

    @Test func anEntryNameThatIsNotUTF8IsAnErrorNamingItsBytes() throws {
        let sandbox = try GitSandbox()
        let blob = try sandbox.git(["hash-object", "-w", "--stdin"], input: Data("{}\n".utf8))
        let inner = try sandbox.git(
            ["mktree"], input: Data("100644 blob \(blob)\tcaf".utf8) + Data([0xE9]) + Data(".json\n".utf8))
        let outer = try sandbox.git(["mktree"], input: Data("040000 tree \(inner)\tdesired\n".utf8))
        let commit = try sandbox.git(["commit-tree", outer, "-m", "latin-1 name"])
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) {
            try repository.files(under: ["desired"], at: try #require(ObjectID(hex: commit)), maxBlobSize: 1024)
        }
        #expect(error == .invalidUTF8(what: "tree entry name", escaped: "desired/caf\\xe9.json"))
        #expect(error.description == "tree entry name is not valid UTF-8: \"desired/caf\\xe9.json\"")
    }
}
