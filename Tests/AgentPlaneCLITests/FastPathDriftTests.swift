import Foundation
import Formats
import Testing

/// The fast path on nodes whose files are older than the fingerprint's racy window: the record
/// holds real fingerprints, and a hand edit of the same size is still noticed.
@Suite("reconcile --dry-run fast path on settled nodes")
struct FastPathDriftTests {
    typealias World = ReconcileDryRunTests.World

    /// The nodes each in-sync record holds a fingerprint for (`fastpath/<key>.json`).
    func fingerprintedNodes(_ world: World) throws -> [String] {
        let folder = world.state.appendingPathComponent("fastpath")
        var nodes: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix("fleet-") {
            let record = try JSONReader.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
            nodes += record["fingerprints"]?.objectValue?.keys ?? []
        }
        return nodes.sorted()
    }

    @Test func aSameSizeHandEditOfASettledNodeLeavesTheFastPath() throws {
        let world = try World()
        try world.converge("dev-a")
        try world.converge("dev-b")
        // Let the files age past the racy window, so fingerprints vouch for them.
        Thread.sleep(forTimeInterval: 2.2)
        #expect(world.dryRun().code == 0)
        #expect(try fingerprintedNodes(world) == ["dev-a", "dev-b"])
        let quiet = world.dryRun()
        #expect(quiet.code == 0)
        #expect(quiet.stdout.contains("nothing changed since the last run"))

        let file = world.nodeFile("dev-b", "web-main.container")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "busybox:1.36", with: "busybox:evil")
        #expect(edited.utf8.count == text.utf8.count)
        let handle = try FileHandle(forWritingTo: file)  // in place: same inode, same size
        try handle.write(contentsOf: Data(edited.utf8))
        try handle.close()
        let result = world.dryRun()
        #expect(result.code == 2, "\(result.stdout)")
        #expect(result.stdout.contains("~ update  web-main.container  (drift) pod web"))
    }
}
