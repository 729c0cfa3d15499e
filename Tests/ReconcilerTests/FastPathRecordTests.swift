import Foundation
import Testing

@testable import Reconciler

/// `fastpath/<key>.json`: a round trip, and a miss (never an error) for anything else.
struct FastPathRecordTests {
    static func cache() -> (FastPathCache, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agentplane-record-\(UUID().uuidString)")
        return (FastPathCache(directory: folder.path), folder)
    }

    @Test func aRecordRoundTrips() throws {
        let (cache, folder) = Self.cache()
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = FastPathRecord(
            key: "k1", digests: ["a": "d-a", "b": "d-b"], fingerprints: ["a": "f-a"], objects: ["a": 3, "b": 0])
        cache.store(record)
        #expect(cache.record(for: "k1") == record)
        #expect(cache.record(for: "k2") == nil)
    }

    @Test func aRecordWithoutCountsOrFingerprintsStillReads() throws {
        let (cache, folder) = Self.cache()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fastpath"), withIntermediateDirectories: true)
        try Data(#"{"key": "k1", "digests": {"a": "d-a"}}"#.utf8).write(to: folder.appendingPathComponent("fastpath/k1.json"))
        #expect(cache.record(for: "k1") == FastPathRecord(key: "k1", digests: ["a": "d-a"]))
    }

    @Test func aMalformedOrMisfiledRecordIsAMiss() throws {
        let (cache, folder) = Self.cache()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fastpath"), withIntermediateDirectories: true)
        try Data("{\"key\": ".utf8).write(to: folder.appendingPathComponent("fastpath/k1.json"))
        #expect(cache.record(for: "k1") == nil)
        try Data(#"{"key": "other", "digests": {}}"#.utf8).write(to: folder.appendingPathComponent("fastpath/k2.json"))
        #expect(cache.record(for: "k2") == nil)
        try Data(#"{"key": "k3", "digests": {"a": 1}}"#.utf8).write(to: folder.appendingPathComponent("fastpath/k3.json"))
        #expect(cache.record(for: "k3") == nil)
    }
}
