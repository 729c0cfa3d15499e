import Foundation
import GitKit
import PlaneModel
import Planning

@testable import Reconciler

/// A desired-state repository written with GitKit (no pods, so every node is in sync while it
/// holds nothing of ours), a state directory, and a fake observer the test steers.
final class FastPathWorld {
    let folder: URL
    let repository: Repository
    let observer = FakeObserver()
    private var head: ObjectID?

    var stateDirectory: String { folder.appendingPathComponent("state").path }

    init(nodes: [String] = ["node-a", "node-b"], executors: [String: String] = [:]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("agentplane-fastpath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        repository = try Repository.initialize(at: folder.appendingPathComponent("repo.git").path, bare: true)
        try commit(["fleet/inventory.json": Self.fleet(nodes, executors: executors), "desired/profiles/personal.json": Self.profile], "initial")
        for node in nodes { observer.set(node, fingerprint: "print-\(node)") }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Commits `files` on `main` on top of the last commit.
    func commit(_ files: [String: String], _ message: String) throws {
        let author = Commit.Signature(name: "Test", email: "test@example.com", time: 1_700_000_000)
        head = try repository.writeCommit(
            on: "main", parent: head, files: files.mapValues { Array($0.utf8) }, message: message, author: author)
    }

    /// One `reconcile --dry-run` of `main`, through the fake observer.
    func plan(nodes filter: [String] = []) throws -> PlanOutcome {
        observer.resetCounts()
        return try builder.build(request(nodes: filter))
    }

    var builder: PlanBuilder { PlanBuilder(observer: observer, version: "test") }

    func request(nodes filter: [String] = []) -> ReconcileRequest {
        ReconcileRequest(
            repositoryPath: folder.appendingPathComponent("repo.git").path, ref: "main", nodes: filter,
            stateDirectory: stateDirectory)
    }

    /// A fleet of directory nodes in `nodes/<name>` (`path` moves them), but for the nodes
    /// `executors` gives another executor (its JSON).
    static func fleet(
        _ nodes: [String], executors: [String: String] = [:], path: (String) -> String = { "nodes/\($0)" }
    ) -> String {
        let entries = nodes.map { node in
            """
            {"name": "\(node)", "stage": "dev", "capacity": {"cpu": "4", "memory": "8Gi"},
             "executor": \(executors[node] ?? #"{"type": "directory", "path": "\#(path(node))"}"#)}
            """
        }
        return """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Fleet",
              "metadata": {"name": "test"},
              "spec": {"stages": ["dev"], "nodes": [\(entries.joined(separator: ",\n"))]}
            }

            """
    }

    static let profile = """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Profile",
          "metadata": {"name": "personal"},
          "spec": {
            "class": "personal",
            "network": {"mode": "open"},
            "models": {"allowedProviders": ["llama.cpp"], "hostedAllowed": false},
            "tools": {"allow": []},
            "containers": {"allowedRegistries": ["docker.io"], "requireDigest": false, "privileged": false, "rootless": true},
            "budget": {"cpu": "4", "memory": "8Gi"}
          }
        }

        """
}

/// A node observer whose fingerprints and observations the test sets, counting what it is asked.
final class FakeObserver: NodeObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var prints: [String: String] = [:]
    private var objects: [String: [ObservedObject]] = [:]
    private var objectsAt: [Fleet.Executor: [ObservedObject]] = [:]
    private var observedNodes: [String] = []
    private var fingerprinted: [String: Fleet.Executor] = [:]

    func set(_ node: String, fingerprint: String?) {
        locked { prints[node] = fingerprint }
    }

    func set(_ node: String, objects list: [ObservedObject]) {
        locked { objects[node] = list }
    }

    /// What any node observed through `executor` holds (before what is set by node name).
    func set(executor: Fleet.Executor, objects list: [ObservedObject]) {
        locked { objectsAt[executor] = list }
    }

    func resetCounts() {
        locked {
            observedNodes = []
            fingerprinted = [:]
        }
    }

    /// The nodes observed since the last `plan`, sorted.
    var observed: [String] { locked { observedNodes.sorted() } }

    /// The executor each fingerprinted node was asked with, since the last `plan`.
    var fingerprintedExecutors: [String: Fleet.Executor] { locked { fingerprinted } }

    func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation {
        locked {
            observedNodes.append(node.name)
            return NodeObservation(node: node.name, objects: objectsAt[node.executor] ?? objects[node.name] ?? [])
        }
    }

    func fingerprint(_ node: Fleet.Node) -> String? {
        locked {
            fingerprinted[node.name] = node.executor
            return prints[node.name]
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
