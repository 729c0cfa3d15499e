import Foundation
import Formats
import PlaneModel

/// The record of the last run that found everything in sync: its key and every node's
/// observation digest. When a new run has the same key and sees the same digests, nothing can
/// have changed, so it answers "in sync" without loading or rendering a document.
struct FastPathRecord: Hashable, Sendable {
    var key: String
    var digests: [String: String]
    /// Per node, the cheap fingerprint taken just before it was observed (nodes that have one).
    var fingerprints: [String: String]

    init(key: String, digests: [String: String], fingerprints: [String: String] = [:]) {
        self.key = key
        self.digests = digests
        self.fingerprints = fingerprints
    }

    init(key: String, observations: [String: NodeObservation], fingerprints: [String: String] = [:]) {
        self.init(key: key, digests: observations.mapValues(\.digest), fingerprints: fingerprints)
    }

    /// True when every node has a fingerprint equal to the recorded one: nothing can have
    /// changed, and not even observing is needed.
    func matches(fingerprints now: [String: String?], nodes: [String]) -> Bool {
        guard !nodes.isEmpty, Set(digests.keys) == Set(nodes) else { return false }
        return nodes.allSatisfy { node in
            guard let recorded = fingerprints[node], let current = now[node] ?? nil else { return false }
            return recorded == current
        }
    }

    func matches(_ observations: [String: NodeObservation]) -> Bool {
        digests == observations.mapValues(\.digest)
    }
}

/// Fast-path records in the state directory (`fastpath/<key>.json`), written atomically.
/// A missing, unreadable or malformed record is simply a miss: the full pipeline runs.
struct FastPathCache {
    var directory: String

    private func path(_ key: String) -> String { "\(directory)/fastpath/\(key).json" }

    func record(for key: String) -> FastPathRecord? {
        guard let data = FileManager.default.contents(atPath: path(key)),
            let node = try? JSONReader.parse(Array(data)), let object = node.value.objectValue,
            object["key"]?.value.stringValue == key, let digests = object["digests"]?.value.objectValue
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
        return FastPathRecord(key: key, digests: out, fingerprints: prints)
    }

    func store(_ record: FastPathRecord) {
        let value: JSONValue = .object([
            ("key", .string(record.key)),
            ("digests", .object(record.digests.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            ("fingerprints", .object(record.fingerprints.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
        ])
        let bytes = JSONWriter(sortedKeys: true, pretty: true).encode(value)
        let folder = "\(directory)/fastpath"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path(record.key)), options: .atomic)
        } catch {
            // A record that cannot be written only costs the next run its fast path.
        }
    }
}
