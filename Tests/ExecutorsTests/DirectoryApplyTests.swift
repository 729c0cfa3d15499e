import Foundation
import Planning
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The directory executor applies a node's plan: atomic writes and deletes of files it owns,
/// nothing else.
struct DirectoryApplyTests {
    static let node = ExecutorFixtures.node("render-only", .directory(path: "node"))

    static func executor(_ state: TemporaryFolder) throws -> DirectoryExecutor {
        let made = Executors.make(for: node, environment: ExecutorEnvironment(stateDirectory: state.path))
        return try #require(made as? DirectoryExecutor)
    }

    /// Web's units and the cluster manifests of web and batch: both formats, nested folders.
    static func desired() throws -> [DesiredObject] {
        var objects = try ExecutorFixtures.quadletUnits(on: node)
        objects += try ExecutorFixtures.clusterManifests(on: ExecutorFixtures.node("c", .kubernetes(context: nil, namespace: "a")))
        return objects.map { DesiredObject(object: $0, bundleRank: 0, timeoutSeconds: 300) }
    }

    /// Observes, plans against `desired`, applies every change; returns the plan.
    @discardableResult
    static func reconcile(_ executor: DirectoryExecutor, _ desired: [DesiredObject]) throws -> NodePlan {
        let plan = Planner.plan(node: node, revision: "r1", desired: desired, observed: try executor.observe())
        for change in plan.changes {
            try executor.apply(change, deadline: .now + .seconds(change.timeoutSeconds))
        }
        return plan
    }

    @Test func applyingAPlanConvergesAndASecondPlanIsEmpty() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let desired = try Self.desired()

        let first = try Self.reconcile(executor, desired)
        #expect(first.changes.count == desired.count)
        #expect(first.changes.allSatisfy { $0.action == .create })
        for item in desired {
            let bytes = try Data(contentsOf: state.url.appendingPathComponent("node/" + item.object.path))
            #expect(Array(bytes) == item.object.bytes, "\(item.object.path)")
        }
        let second = try Self.reconcile(executor, desired)
        #expect(second.changes.isEmpty)
        #expect(second.unchanged == desired.count)
        #expect(try Self.hiddenFiles(in: state.path + "/node").isEmpty, "no temporary files left")
    }

    @Test func aHandEditIsRepairedAsDrift() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let desired = try Self.desired()
        try Self.reconcile(executor, desired)
        let path = state.path + "/node/web/deployment.yaml"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "replicas: 1", with: "replicas: 9").utf8)
            .write(to: URL(fileURLWithPath: path))

        let plan = try Self.reconcile(executor, desired)
        #expect(plan.changes.map(\.path) == ["web/deployment.yaml"])
        #expect(plan.changes.map(\.reason) == ["drift"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    }

    @Test func aChangedObjectIsRewritten() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        try Self.reconcile(executor, try Self.desired())
        let changedNode = Self.node
        let volume = AgentPod.Volume(name: "cache", tier: .nvme, size: Quantity("1Gi"), mountPath: "/cache")
        var pod = ExecutorFixtures.pod("web", volumes: [volume], containers: ["agent", "tools"])
        pod.spec.replicas = 1
        pod.spec.containers[0].env = [AgentPod.EnvVar(name: "LOG_LEVEL", source: .value("debug"))]
        let units = try QuadletRenderer().render(ExecutorFixtures.placement(pod, on: changedNode, mode: .allowlist))
        let manifests = try ExecutorFixtures.clusterManifests(on: ExecutorFixtures.node("c", .kubernetes(context: nil, namespace: "a")))
        let desired = (units + manifests).map { DesiredObject(object: $0, bundleRank: 0, timeoutSeconds: 300) }

        let plan = try Self.reconcile(executor, desired)
        #expect(plan.changes.map(\.path) == ["web-agent.container"])
        #expect(plan.changes.map(\.action) == [.update])
        let written = try String(contentsOfFile: state.path + "/node/web-agent.container", encoding: .utf8)
        #expect(written.contains("LOG_LEVEL=debug"))
        #expect(try Self.reconcile(executor, desired).changes.isEmpty)
    }

    @Test func objectsNoLongerDesiredAreDeletedAndForeignFilesStay() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let desired = try Self.desired()
        try Self.reconcile(executor, desired)
        try state.write("node/batch-notes.yaml", "kind: ConfigMap\nmetadata:\n  name: notes\n")
        try state.write("node/web/README.txt", "hand-written notes\n")

        let withoutBatchAndWebManifests = desired.filter { !$0.object.path.contains("/") }
        let plan = try Self.reconcile(executor, withoutBatchAndWebManifests)
        #expect(plan.changes.allSatisfy { $0.action == .delete })
        #expect(Set(plan.changes.map(\.path)) == Set(desired.map(\.object.path).filter { $0.contains("/") }))
        let fileManager = FileManager.default
        #expect(!fileManager.fileExists(atPath: state.path + "/node/batch"), "an emptied folder is removed")
        #expect(fileManager.fileExists(atPath: state.path + "/node/web/README.txt"))
        #expect(fileManager.fileExists(atPath: state.path + "/node/batch-notes.yaml"))
        #expect(try Self.reconcile(executor, withoutBatchAndWebManifests).changes.isEmpty)
    }

    @Test func aForeignFileAtTheTargetIsNeverOverwrittenOrDeleted() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let desired = try Self.desired()
        let foreign = "[Pod]\nPodName=mine\n"
        let path = try state.write("node/web.pod", foreign)
        let create = try #require(
            Planner.plan(node: Self.node, revision: "r", desired: desired, observed: try executor.observe()).changes.first {
                $0.path == "web.pod"
            })

        let error = try #require(throws: ExecutorError.self) { try executor.apply(create, deadline: .now + .seconds(5)) }
        #expect(error.description == "\(path): exists and is not managed by agentplane; move it away to let agentplane write here")
        var delete = create
        delete.action = .delete
        #expect(throws: ExecutorError.self) { try executor.apply(delete, deadline: .now + .seconds(5)) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == foreign)
    }

    @Test func symlinksAreNeverWrittenThrough() throws {
        let state = try TemporaryFolder()
        let elsewhere = try TemporaryFolder()
        let executor = try Self.executor(state)
        let desired = try Self.desired()
        let outside = try elsewhere.write("target.pod", "outside\n")
        try state.write("node/.keep", "")
        try FileManager.default.createSymbolicLink(atPath: state.path + "/node/web.pod", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: state.path + "/node/web", withDestinationPath: elsewhere.path)
        let plan = Planner.plan(node: Self.node, revision: "r", desired: desired, observed: try executor.observe())

        for path in ["web.pod", "web/deployment.yaml"] {
            let change = try #require(plan.changes.first { $0.path == path })
            let error = try #require(throws: ExecutorError.self) { try executor.apply(change, deadline: .now + .seconds(5)) }
            #expect(error.description.contains("is a symlink; agentplane does not write through links"), "\(error)")
        }
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside\n")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path + "/deployment.yaml"))
    }

    @Test(arguments: ["../escape.pod", "/tmp/abs.pod", "web/../../x.pod", ".hidden.pod", "", "a//b.pod", "web/./x.pod"])
    func pathsThatLeaveTheFolderAreRefused(path: String) throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let unit = try #require(try Self.desired().first?.object)
        let change = Change(
            action: .create, path: path, kind: unit.kind, pod: "web", bundle: "assistants", reason: "new", beforeDigest: nil,
            afterDigest: unit.labels[OwnershipLabel.digest], before: nil, after: unit.bytes, timeoutSeconds: 5)
        let error = try #require(throws: ExecutorError.self) { try executor.apply(change, deadline: .now + .seconds(5)) }
        #expect(error.description.hasSuffix("not a path inside the node's folder (absolute, empty, `..` or hidden component)"))
        #expect(!FileManager.default.fileExists(atPath: state.path + "/node"), "nothing was written")
    }

    @Test func contentWithoutOurMarkIsNeverWritten() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let change = Change(
            action: .create, path: "web.pod", kind: .quadletPod, pod: "web", bundle: "b", reason: "new", beforeDigest: nil,
            afterDigest: nil, before: nil, after: Array("[Pod]\n".utf8), timeoutSeconds: 5)
        let error = try #require(throws: ExecutorError.self) { try executor.apply(change, deadline: .now + .seconds(5)) }
        #expect(error.description == "web.pod: the new content does not carry agentplane's ownership mark; refusing to write it")
    }

    @Test func applyingTheSameChangeTwiceLeavesTheFileAlone() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let plan = Planner.plan(node: Self.node, revision: "r", desired: try Self.desired(), observed: try executor.observe())
        let create = try #require(plan.changes.first { $0.path == "web.pod" })
        try executor.apply(create, deadline: .now + .seconds(5))
        let path = state.path + "/node/web.pod"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try executor.apply(create, deadline: .now + .seconds(5))
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before != nil)
        #expect(before == after, "an identical file is not rewritten (same inode)")

        var delete = create
        delete.action = .delete
        try executor.apply(delete, deadline: .now + .seconds(5))
        try executor.apply(delete, deadline: .now + .seconds(5))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func leftoversOfACrashedWriteAreRemovedAndNeverObserved() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let plan = Planner.plan(node: Self.node, revision: "r", desired: try Self.desired(), observed: try executor.observe())
        let create = try #require(plan.changes.first { $0.path == "web.pod" })
        // What a crash between writing the temporary file and the rename leaves behind.
        try state.write("node/.web.pod.agentplane-crashed.tmp", create.after ?? [])
        #expect(try executor.observe().objects.isEmpty)

        try executor.apply(create, deadline: .now + .seconds(5))
        #expect(try Self.hiddenFiles(in: state.path + "/node").isEmpty)
        #expect(try executor.observe().objects.map(\.path) == ["web.pod"])
    }

    @Test func aPassedDeadlineAppliesNothing() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let plan = Planner.plan(node: Self.node, revision: "r", desired: try Self.desired(), observed: try executor.observe())
        let create = try #require(plan.changes.first)
        let error = try #require(throws: ExecutorError.self) { try executor.apply(create, deadline: .now - .seconds(1)) }
        #expect(error.description == "create \(create.path): the deadline passed before it could start")
        #expect(error.isRetryable)
        #expect(!FileManager.default.fileExists(atPath: state.path + "/node"))
    }

    static func hiddenFiles(in folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
    }
}
