import Foundation
import Testing

@testable import GitKit

/// `Repository.files(under:at:maxBlobSize:)` reads a commit's tree, never the work tree.
@Suite struct TreeFilesTests {
    private let limit = 1 << 20

    private func text(_ file: TreeFile?) -> String? {
        file?.bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func readsTheFilesOfAnOlderCommitNotTheWorkTree() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 1}\n")
        let first = try #require(ObjectID(hex: try sandbox.commit("first")))
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 2}\n")
        let second = try #require(ObjectID(hex: try sandbox.commit("second")))
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 3, \"uncommitted\": true}\n")
        try sandbox.write("desired/agentpods/new.json", "{}\n")
        let repository = try Repository.open(at: sandbox.path)

        let old = try repository.files(under: ["desired"], at: first, maxBlobSize: limit)
        #expect(old.map(\.path) == ["desired/agentpods/web.json"])
        #expect(text(old.first) == "{\"v\": 1}\n")
        #expect(old.first?.mode == .blob)
        #expect(old.first?.size == 9)
        #expect(old.first?.objectID.hex == (try sandbox.git("rev-parse", "\(first.hex):desired/agentpods/web.json")))
        let new = try repository.files(under: ["desired"], at: second, maxBlobSize: limit)
        #expect(text(new.first) == "{\"v\": 2}\n")
    }

    @Test func onlyTheRequestedSubtreesSortedByPath() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/profiles/personal.json", "p\n")
        try sandbox.write("desired/agentpods/web.json", "w\n")
        try sandbox.write("desired/agentpods/api.json", "a\n")
        try sandbox.write("fleet/inventory.json", "f\n")
        try sandbox.write("evidence/run-1/manifest.json", "e\n")
        try sandbox.write("README.md", "r\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("layout")))
        let repository = try Repository.open(at: sandbox.path)

        let files = try repository.files(under: ["fleet", "desired"], at: head, maxBlobSize: limit)
        #expect(files.map(\.path) == [
            "desired/agentpods/api.json", "desired/agentpods/web.json", "desired/profiles/personal.json",
            "fleet/inventory.json",
        ])
        let everything = try repository.files(under: [""], at: head, maxBlobSize: limit)
        #expect(everything.count == 6)
        #expect(everything.first?.path == "README.md")
        let overlapping = try repository.files(under: ["desired", "desired/agentpods", "/desired/"], at: head, maxBlobSize: limit)
        #expect(overlapping.map(\.path) == files.dropLast().map(\.path))
    }

    @Test func aMissingSubtreeIsEmptyAndAFilePathIsOneFile() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("fleet/inventory.json", "{}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("fleet only")))
        let repository = try Repository.open(at: sandbox.path)
        #expect(try repository.files(under: ["desired"], at: head, maxBlobSize: limit).isEmpty)
        #expect(try repository.files(under: [], at: head, maxBlobSize: limit).isEmpty)
        let single = try repository.files(under: ["fleet/inventory.json"], at: head, maxBlobSize: limit)
        #expect(single.map(\.path) == ["fleet/inventory.json"])
        #expect(text(single.first) == "{}\n")
    }

    @Test func executableFilesAreReadAndMarked() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/hooks/check.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: sandbox.path + "/desired/hooks/check.sh")
        let head = try #require(ObjectID(hex: try sandbox.commit("hook")))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: limit)
        #expect(files.first?.mode == .executable)
        #expect(files.first?.isRegularFile == true)
        #expect(text(files.first) == "#!/bin/sh\n")
    }

    @Test func aVeryDeepTreeIsWalkedWithoutRecursion() throws {
        let sandbox = try GitSandbox()
        let depth = 400
        let directory = Array(repeating: "d", count: depth).joined(separator: "/")
        try sandbox.write("desired/\(directory)/deep.json", "deep\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("deep")))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: limit)
        #expect(files.map(\.path) == ["desired/\(directory)/deep.json"])
        #expect(text(files.first) == "deep\n")
    }

    @Test func readsFromABareClone() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("first")))
        let barePath = sandbox.root.appendingPathComponent("clone.git").path
        try sandbox.git("clone", "-q", "--bare", sandbox.path, barePath)
        let files = try Repository.open(at: barePath).files(under: ["desired"], at: head, maxBlobSize: limit)
        #expect(files.map(\.path) == ["desired/agentpods/web.json"])
        #expect(text(files.first) == "{}\n")
    }

    @Test func packedObjectsAreReadToo() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 1}\n")
        try sandbox.write("desired/big.bin", bytes: Array(repeating: 7, count: 3 << 20))
        try sandbox.commit("first")
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 2}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("second")))
        try sandbox.git("gc", "-q", "--aggressive")
        #expect(try sandbox.git("count-objects", "-v").contains("count: 0"))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: limit)
        #expect(files.map(\.path) == ["desired/agentpods/web.json", "desired/big.bin"])
        #expect(text(files.first) == "{\"v\": 2}\n")
        #expect(files.last?.size == 3 << 20)
        #expect(files.last?.isOversized == true)
    }
}
