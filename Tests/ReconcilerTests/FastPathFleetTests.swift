import Foundation
import PlaneModel
import Testing

@testable import Reconciler

/// The fleet facts the fast path keeps per fleet tree: a round trip of every executor kind, and
/// a miss for any other tree or agentplane version.
struct FastPathFleetTests {
    static let fleet = FastPathFleet(
        stages: ["dev", "prod"],
        nodes: [
            Fleet.Node(name: "d", stage: "dev", labels: ["zone": "a"], capabilities: ["gpu"], executor: .directory(path: "nodes/d")),
            Fleet.Node(name: "q", stage: "prod", executor: .quadlet(unitDir: "~/.config/containers/systemd", scope: .user, systemctl: ["sudo", "systemctl"])),
            Fleet.Node(name: "p", stage: "prod", executor: .podman(connection: nil)),
            Fleet.Node(name: "p2", stage: "prod", executor: .podman(connection: "remote")),
            Fleet.Node(name: "k", stage: "prod", executor: .kubernetes(context: nil, namespace: "agents")),
            Fleet.Node(name: "k2", stage: "prod", executor: .kubernetes(context: "kind", namespace: "agents \"quoted\"")),
        ])

    @Test func everyExecutorKindRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agentplane-fleet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = FastPathCache(directory: folder.path)
        cache.storeFleet(Self.fleet, tree: "0123abcd", version: "1.0")
        let read = try #require(cache.fleet(tree: "0123abcd", version: "1.0"))
        #expect(read == Self.fleet)
        // Only name, stage and executor are kept.
        #expect(read.nodes[0].labels.isEmpty && read.nodes[0].capabilities.isEmpty)
        #expect(cache.fleet(tree: "0123abce", version: "1.0") == nil)
        #expect(cache.fleet(tree: "0123abcd", version: "1.1") == nil)
    }

    @Test func anEntryFiledUnderAnotherTreeIsNotTrusted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agentplane-fleet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = FastPathCache(directory: folder.path)
        cache.storeFleet(Self.fleet, tree: "aaaa", version: "1.0")
        let fastpath = folder.appendingPathComponent("fastpath")
        try FileManager.default.moveItem(
            at: fastpath.appendingPathComponent("fleet-aaaa.json"), to: fastpath.appendingPathComponent("fleet-bbbb.json"))
        #expect(cache.fleet(tree: "bbbb", version: "1.0") == nil)
    }
}
