import Foundation
import Formats
import PlaneModel

/// The record of the last run that found everything in sync: its key and every node's
/// observation digest. When a new run has the same key and sees the same digests, nothing can
/// have changed, so it answers "in sync" without loading or rendering a document; a node whose
/// fingerprint is also unchanged need not even be observed (see `PlanBuilder.fastPath`).
struct FastPathRecord: Hashable, Sendable {
    var key: String
    var digests: [String: String]
    /// Per node, the cheap fingerprint taken just before it was observed (nodes that have one).
    var fingerprints: [String: String]
    /// Per node, how many objects it held (the plan's "unchanged" count when nothing is read).
    var objects: [String: Int]

    init(key: String, digests: [String: String], fingerprints: [String: String] = [:], objects: [String: Int] = [:]) {
        self.key = key
        self.digests = digests
        self.fingerprints = fingerprints
        self.objects = objects
    }

}

/// Fast-path records in the state directory (`fastpath/<key>.json`), written atomically.
/// A missing, unreadable or malformed record is simply a miss: the full pipeline runs.
struct FastPathCache {
    var directory: String

    private func path(_ key: String) -> String { "\(directory)/fastpath/\(key).json" }

    func record(for key: String) -> FastPathRecord? {
        guard let object = Self.readObject(path(key)), object["key"]?.value.stringValue == key,
            let digests = object["digests"]?.value.objectValue
        else { return nil }
        var out: [String: String] = [:]
        for member in digests.members {
            guard let digest = member.value.value.stringValue else { return nil }
            out[member.key] = digest
        }
        var prints: [String: String] = [:]
        for member in object["fingerprints"]?.value.objectValue?.members ?? [] {
            if let value = member.value.value.stringValue { prints[member.key] = value }
        }
        var objects: [String: Int] = [:]
        for member in object["objects"]?.value.objectValue?.members ?? [] {
            if let count = member.value.value.intValue, count >= 0 { objects[member.key] = count }
        }
        return FastPathRecord(key: key, digests: out, fingerprints: prints, objects: objects)
    }

    func store(_ record: FastPathRecord) {
        let value: JSONValue = .object([
            ("key", .string(record.key)),
            ("digests", .object(record.digests.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            ("fingerprints", .object(record.fingerprints.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            ("objects", .object(record.objects.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number($0.value)) })),
        ])
        write(value, to: path(record.key))
    }

    // MARK: - Files

    /// The top-level object of the JSON file at `path`, or nil (missing, unreadable, malformed).
    static func readObject(_ path: String) -> JSONObject? {
        guard let data = FileManager.default.contents(atPath: path), let node = try? JSONReader.parse(Array(data)) else {
            return nil
        }
        return node.value.objectValue
    }

    /// Writes `value` to `path` under `fastpath/` atomically; a failure only costs a later run
    /// its fast path.
    func write(_ value: JSONValue, to path: String) {
        let bytes = JSONWriter(sortedKeys: true, pretty: true).encode(value)
        do {
            try FileManager.default.createDirectory(atPath: "\(directory)/fastpath", withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            // A record that cannot be written only costs the next run its fast path.
        }
    }
}
