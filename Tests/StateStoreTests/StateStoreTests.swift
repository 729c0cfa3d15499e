import Foundation
import Testing

@testable import StateStore

private func stateDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ap-state-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

@Suite("State store")
struct StateStoreTests {
    @Test func createsMigratesAndReopens() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try StateStore.open(directory: directory)
            #expect(store.recoveredFrom == nil)
            try store.beginRun(RunRecord(id: "r1", revision: "abc", nodes: ["n1", "n2"], startedAt: 10, result: .running, holder: "h:1:r1"))
            try store.finishRun("r1", result: .succeeded, summary: "2 created", at: 20)
        }
        let reopened = try StateStore.open(directory: directory)
        let runs = try reopened.runs()
        #expect(runs == [RunRecord(id: "r1", revision: "abc", nodes: ["n1", "n2"], startedAt: 10, finishedAt: 20,
                                   result: .succeeded, summary: "2 created", holder: "h:1:r1")])
        #expect(try reopened.runs(node: "n3").isEmpty)
        #expect(try reopened.database.userVersion == Migrations.steps.count)
        let mode = try reopened.database.prepare("PRAGMA journal_mode")
        #expect(try mode.step())
        #expect(mode.text(0) == "wal")
    }

    @Test func aCorruptDatabaseIsMovedAsideAndRebuilt() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: directory + "/state.db"))
        let store = try StateStore.open(directory: directory)
        let aside = try #require(store.recoveredFrom)
        #expect(FileManager.default.fileExists(atPath: aside))
        #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == Data(repeating: 0x41, count: 8192))
        #expect(try store.runs().isEmpty)
        try store.beginRun(RunRecord(id: "r", revision: "x", nodes: [], startedAt: 1, result: .running, holder: "h:1:r"))
    }

    @Test func journalRecordsIntentBeforeAndOutcomeAfter() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore.open(directory: directory)
        try store.beginRun(RunRecord(id: "r", revision: "x", nodes: ["n"], startedAt: 1, result: .running, holder: "h:1:r"))
        let first = try store.recordIntent(runID: "r", node: "n", sequence: 0, action: "create", path: "a.pod", digest: "d1")
        let second = try store.recordIntent(runID: "r", node: "n", sequence: 1, action: "create", path: "a-main.container", digest: "d2")
        #expect(try store.journal(runID: "r").map(\.outcome) == [.pending, .pending])
        try store.recordOutcome(first, outcome: .done)
        try store.recordOutcome(second, outcome: .failed, detail: "timed out", attempts: 3)
        let entries = try store.journal(runID: "r")
        #expect(entries.map(\.outcome) == [.done, .failed])
        #expect(entries[1].detail == "timed out")
        #expect(entries[1].attempts == 3)
    }

    @Test func runsOfDeadProcessesBecomeInterrupted() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore.open(directory: directory)
        try store.beginRun(RunRecord(id: "dead", revision: "x", nodes: ["n"], startedAt: 1, result: .running, holder: "host:999999:dead"))
        try store.beginRun(RunRecord(id: "alive", revision: "x", nodes: ["n"], startedAt: 2, result: .running, holder: "host:\(getpid()):alive"))
        try store.beginRun(RunRecord(id: "elsewhere", revision: "x", nodes: ["n"], startedAt: 3, result: .running, holder: "other:1:x"))
        let intent = try store.recordIntent(runID: "dead", node: "n", sequence: 0, action: "create", path: "p", digest: nil)
        _ = intent
        let marked = try store.markAbandonedRuns(host: "host")
        #expect(marked == ["dead"])
        let results = Dictionary(uniqueKeysWithValues: try store.runs().map { ($0.id, $0.result) })
        #expect(results == ["dead": .interrupted, "alive": .running, "elsewhere": .running])
        #expect(try store.journal(runID: "dead").map(\.detail) == ["interrupted"])
    }

    @Test func oneWriterPerNode() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let a = try StateStore.open(directory: directory)
        let b = try StateStore.open(directory: directory)
        let lease = try a.acquireLease(node: "n1", holder: "other-host:1:run-a", ttl: 60, wait: 0)
        #expect(lease.node == "n1")
        do {
            _ = try b.acquireLease(node: "n1", holder: "host:2:run-b", ttl: 60, wait: 0.3, pollInterval: 0.05)
            Issue.record("the second reconciler got a held lease")
        } catch {
            #expect(error.description.contains("node n1 is being reconciled by other-host:1:run-a"))
            #expect(error.isRetryable)
        }
        // Another node is free.
        _ = try b.acquireLease(node: "n2", holder: "host:2:run-b", ttl: 60, wait: 0)
        try a.release(lease)
        let taken = try b.acquireLease(node: "n1", holder: "host:2:run-b", ttl: 60, wait: 0)
        #expect(taken.holder == "host:2:run-b")
    }

    @Test func expiredAndOrphanedLeasesAreTakenOver() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore.open(directory: directory)
        _ = try store.acquireLease(node: "n", holder: "far:1:old", ttl: -1, wait: 0)
        let next = try store.acquireLease(node: "n", holder: "host:\(getpid()):new", ttl: 60, wait: 0)
        #expect(next.holder.hasSuffix(":new"))
        // A holder on this host whose process is gone loses its lease at once.
        _ = try store.acquireLease(node: "m", holder: "host:999999:ghost", ttl: 600, wait: 0)
        let taken = try store.acquireLease(node: "m", holder: "host:\(getpid()):me", ttl: 60, wait: 0)
        #expect(taken.holder.hasSuffix(":me"))
    }

    @Test func eventsAndStatusRoundTrip() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore.open(directory: directory)
        let events = OperationKind.allCases.enumerated().map { index, kind in
            OperationEvent(runID: "r", node: index % 2 == 0 ? "n" : nil, kind: kind,
                           phase: OperationPhase.allCases[index % OperationPhase.allCases.count], at: Double(index), message: "m\(index)")
        }
        for event in events { try store.record(event) }
        #expect(try store.events(runID: "r") == events)
        let status = NodeStatus(node: "n", revision: "abc", runID: "r", result: .succeeded, at: 5, drifted: 1, pending: 0)
        try store.recordStatus(status)
        try store.recordStatus(NodeStatus(node: "a", revision: "abc", runID: "r", result: .failed, at: 5, drifted: 0, pending: 2))
        #expect(try store.statuses().map(\.node) == ["a", "n"])
        #expect(try store.statuses().last == status)
    }
}
