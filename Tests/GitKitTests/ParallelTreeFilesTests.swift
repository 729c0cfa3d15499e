import Foundation
import Testing

@testable import GitKit

/// Trees of many blobs are read on every core, each worker through its own repository handle:
/// the result must be what one reader would give, limits and errors included.
@Suite struct ParallelTreeFilesTests {
    private let count = TreeWalker.parallelBlobCount + 44

    private func manyFiles() throws -> (sandbox: GitSandbox, head: ObjectID) {
        let sandbox = try GitSandbox()
        for index in 0..<count {
            try sandbox.write("desired/agentpods/pod-\(index).json", "{\"index\": \(index)}\n")
        }
        try sandbox.write("desired/agentpods/big.json", String(repeating: "x", count: 5000))
        let head = try #require(ObjectID(hex: try sandbox.commit("many")))
        return (sandbox, head)
    }

    @Test func everyBlobIsReadWithItsOwnContentAndTheLimitHolds() throws {
        let (sandbox, head) = try manyFiles()
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: 4096)
        #expect(files.count == count + 1)
        for file in files where file.path != "desired/agentpods/big.json" {
            let index = file.path.dropFirst("desired/agentpods/pod-".count).dropLast(".json".count)
            #expect(file.bytes.map { String(decoding: $0, as: UTF8.self) } == "{\"index\": \(index)}\n", "\(file.path)")
        }
        let big = try #require(files.first { $0.path == "desired/agentpods/big.json" })
        #expect(big.size == 5000)
        #expect(big.bytes == nil)
        #expect(files.map(\.path) == files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// Small loose objects are loaded without reading their header first; a blob that
    /// compresses to almost nothing must still be measured, not loaded, when it is over the limit.
    @Test func aHighlyCompressibleOversizedBlobIsNotLoaded() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/zeros.json", String(repeating: "0", count: 2 << 20))
        try sandbox.write("desired/agentpods/small.json", "{}\n")
        let head = try #require(ObjectID(hex: try sandbox.commit("zeros")))
        let files = try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: 1 << 20)
        let zeros = try #require(files.first { $0.path == "desired/agentpods/zeros.json" })
        #expect(zeros.size == 2 << 20)
        #expect(zeros.bytes == nil)
        #expect(files.first { $0.path == "desired/agentpods/small.json" }?.bytes == Array("{}\n".utf8))
    }

    @Test func aDamagedBlobAmongManyNamesItsPath() throws {
        let (sandbox, head) = try manyFiles()
        let blob = try sandbox.git("rev-parse", "HEAD:desired/agentpods/pod-200.json")
        let path = try sandbox.gitFile("objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        try FileManager.default.removeItem(atPath: path)
        try Data("not zlib".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: GitError.self) {
            try Repository.open(at: sandbox.path).files(under: ["desired"], at: head, maxBlobSize: 1 << 20)
        }
        guard case .unreadableObject(let id, let objectPath, _) = error else {
            Issue.record("expected unreadableObject, got \(error)")
            return
        }
        #expect(id.hex == blob)
        #expect(objectPath == "desired/agentpods/pod-200.json")
    }
}
