import Foundation
import PlaneModel
import Testing

@testable import Executors

/// The directory executor's fingerprint: any write, addition, removal or rename under the
/// node's folder changes it, and a folder written too recently to be vouched for has none.
struct DirectoryFingerprintTests {
    /// Trusts every timestamp, so tests can compare fingerprints of files written just now.
    static let trustAll = Int64.max

    /// A node folder with two units and a subfolder, every file's mtime set to 2001.
    static func tree() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("node/web.container", "[Container]\nImage=busybox:1.36\n")
        try folder.write("node/web.pod", "[Pod]\n")
        try folder.write("node/cluster/deployment.yaml", "kind: Deployment\n")
        for file in ["node/web.container", "node/web.pod", "node/cluster/deployment.yaml"] {
            try age(folder.url.appendingPathComponent(file).path)
        }
        return folder
    }

    /// Sets the modification time of `path` to 2001-09-09 (its change time stays now).
    static func age(_ path: String) throws {
        var times = [timeval(tv_sec: 1_000_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000_000, tv_usec: 0)]
        #expect(utimes(path, &times) == 0)
    }

    static func print(_ folder: TemporaryFolder, changedBefore: Int64? = trustAll) throws -> String? {
        try FileSystem.fingerprint(root: folder.path + "/node", maximumDepth: 16, changedBefore: changedBefore)
    }

    @Test func anUnchangedTreeKeepsItsFingerprint() throws {
        let folder = try Self.tree()
        let first = try Self.print(folder)
        #expect(first != nil)
        #expect(try Self.print(folder) == first)
    }

    @Test func anEditInPlaceOfTheSameSizeChangesIt() throws {
        let folder = try Self.tree()
        let before = try Self.print(folder)
        let handle = try FileHandle(forWritingTo: folder.url.appendingPathComponent("node/web.container"))
        try handle.seek(toOffset: 28)
        try handle.write(contentsOf: Data("99".utf8))  // busybox:1.36 → busybox:1.99, same size
        try handle.close()
        #expect(try String(contentsOf: folder.url.appendingPathComponent("node/web.container"), encoding: .utf8)
            == "[Container]\nImage=busybox:1.99\n")
        #expect(try Self.print(folder) != before)
    }

    @Test func anEditInASubfolderChangesIt() throws {
        let folder = try Self.tree()
        let before = try Self.print(folder)
        try folder.write("node/cluster/deployment.yaml", "kind: Deployment\n")
        #expect(try Self.print(folder) != before)
    }

    @Test func anAddedARemovedAndARenamedFileEachChangeIt() throws {
        let folder = try Self.tree()
        var last = try Self.print(folder)
        try folder.write("node/extra.volume", "[Volume]\n")
        let added = try Self.print(folder)
        #expect(added != last)
        last = added
        try FileManager.default.moveItem(
            at: folder.url.appendingPathComponent("node/extra.volume"), to: folder.url.appendingPathComponent("node/other.volume"))
        let renamed = try Self.print(folder)
        #expect(renamed != last)
        last = renamed
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("node/other.volume"))
        #expect(try Self.print(folder) != last)
    }

    @Test func aFileChangedWithinTheRacyWindowGivesNoFingerprint() throws {
        let folder = try Self.tree()
        // Every file's mtime is old, but its change time is now: too fresh to vouch for.
        #expect(try Self.print(folder, changedBefore: nil) == nil)
        // Files changed before the cut are trusted.
        let cut = FileSystem.nowNanoseconds() + 1_000_000_000
        #expect(try Self.print(folder, changedBefore: cut) != nil)
    }

    @Test func aJustWrittenNodeHasNoFingerprintThroughTheExecutor() throws {
        let folder = try Self.tree()
        let executor = Executors.make(
            for: ExecutorFixtures.node("n", .directory(path: "node")), environment: ExecutorEnvironment(stateDirectory: folder.path))
        #expect(try executor.fingerprint() == nil)
    }

    @Test func aMissingFolderIsAnEmptyTreeAndAFileIsAnError() throws {
        let folder = try TemporaryFolder()
        let missing = try FileSystem.fingerprint(root: folder.path + "/absent", maximumDepth: 16, changedBefore: Self.trustAll)
        #expect(missing != nil)
        #expect(missing == (try FileSystem.fingerprint(root: folder.path + "/other", maximumDepth: 16, changedBefore: Self.trustAll)))
        try folder.write("plain", "x")
        #expect(throws: ExecutorError.self) {
            try FileSystem.fingerprint(root: folder.path + "/plain", maximumDepth: 16, changedBefore: Self.trustAll)
        }
    }
}
