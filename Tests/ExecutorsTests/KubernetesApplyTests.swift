import Foundation
import Planning
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The kubernetes executor applies through kubectl: server-side apply with the manifest on
/// stdin, deletes by name, rollout status to settle, exec into the Deployment. No cluster is
/// reachable here: a fake kubectl records each argv and each stdin, and answers as told.
struct KubernetesApplyTests {
    struct Setup {
        let folder: TemporaryFolder
        let kubectl: FakeProgram
        let node: Fleet.Node
        let executor: any Executor

        /// What the fake read on stdin at call `index` (counting from 1).
        func stdin(_ index: Int) throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/stdin.\(index)")))
        }
    }

    /// A fake kubectl that saves its stdin to `stdin.<call number>` and then runs `body`.
    static func setup(body: String = "", context: String? = "prod-east") throws -> Setup {
        let folder = try TemporaryFolder()
        let save = """
            count=$(grep -c -- '^--end--$' '\(folder.path)/kubectl.argv')
            cat > '\(folder.path)/stdin.'"$count"
            """
        let kubectl = try FakeProgram("kubectl", in: folder, body: save + "\n" + body)
        let node = ExecutorFixtures.node("cluster-1", .kubernetes(context: context, namespace: "agents"))
        let environment = ExecutorEnvironment(stateDirectory: folder.path, programs: ["kubectl": kubectl.path])
        return Setup(folder: folder, kubectl: kubectl, node: node, executor: Executors.make(for: node, environment: environment))
    }

    static let global = ["--context", "prod-east", "-n", "agents"]
    static let apply = ["apply", "--server-side", "--field-manager=agentplane", "--force-conflicts", "-f", "-"]

    static func change(_ action: Change.Action, _ object: RenderedObject) -> Change {
        Change(
            action: action, path: object.path, kind: object.kind, pod: object.labels[OwnershipLabel.pod],
            bundle: object.labels[OwnershipLabel.bundle], reason: "new", beforeDigest: nil,
            afterDigest: object.labels[OwnershipLabel.digest], before: nil, after: action == .delete ? nil : object.bytes,
            timeoutSeconds: 60)
    }

    static func delete(_ path: String) -> Change {
        Change(
            action: .delete, path: path, kind: nil, pod: nil, bundle: nil, reason: "no longer desired", beforeDigest: nil,
            afterDigest: nil, before: nil, after: nil, timeoutSeconds: 60)
    }

    @Test func everyManifestIsAppliedServerSideWithItsBytesUnchangedOnStdin() throws {
        let setup = try Self.setup()
        let manifests = try ExecutorFixtures.clusterManifests(on: setup.node)
        let plan = Planner.plan(
            node: setup.node, revision: "r", desired: manifests.map { DesiredObject(object: $0, bundleRank: 0, timeoutSeconds: 60) },
            observed: NodeObservation(node: setup.node.name, objects: []))
        for change in plan.changes { try setup.executor.apply(change, deadline: .now + .seconds(60)) }

        #expect(plan.changes.count == manifests.count)
        #expect(try setup.kubectl.calls() == Array(repeating: Self.global + Self.apply, count: manifests.count))
        for (index, change) in plan.changes.enumerated() {
            #expect(try setup.stdin(index + 1) == change.after, "\(change.path)")
        }
    }

    @Test func deletesNameTheObjectTheRendererNamed() throws {
        let setup = try Self.setup()
        let paths = [
            "web/deployment.yaml", "batch/job.yaml", "web/pvc-models.yaml", "web/networkpolicy.yaml", "web/serviceaccount.yaml",
        ]
        for path in paths { try setup.executor.apply(Self.delete(path), deadline: .now + .seconds(60)) }
        let resources = [
            "deployment/web", "job/batch", "persistentvolumeclaim/web-models", "networkpolicy/web", "serviceaccount/web",
        ]
        #expect(try setup.kubectl.calls() == resources.map { Self.global + ["delete", $0, "--ignore-not-found"] })
    }

    @Test func anUpdatedJobIsDeletedThenApplied() throws {
        let setup = try Self.setup()
        let job = try #require(try ExecutorFixtures.clusterManifests(on: setup.node).first { $0.path == "batch/job.yaml" })
        try setup.executor.apply(Self.change(.update, job), deadline: .now + .seconds(60))
        #expect(try setup.kubectl.calls() == [Self.global + ["delete", "job/batch", "--ignore-not-found"], Self.global + Self.apply])
        #expect(try setup.stdin(2) == job.bytes)
    }

    @Test func settleWaitsForTheRolloutOfEachAppliedDeploymentWithinTheDeadline() throws {
        let setup = try Self.setup()
        let manifests = try ExecutorFixtures.clusterManifests(on: setup.node)
        let changes = manifests.map { Self.change(.create, $0) } + [Self.delete("old/deployment.yaml")]
        try setup.executor.settle(changes, deadline: .now + .seconds(90))

        let calls = try setup.kubectl.calls()
        #expect(calls.count == 1, "the Job, claims and policies are not waited for, nor deletes")
        let call = try #require(calls.first)
        #expect(Array(call.prefix(7)) == Self.global + ["rollout", "status", "deployment/web"])
        let timeout = try #require(call.last)
        let seconds = try #require(Int(timeout.dropFirst("--timeout=".count).dropLast()), "\(timeout)")
        #expect(timeout.hasPrefix("--timeout=") && timeout.hasSuffix("s"))
        #expect((85...89).contains(seconds), "the time left, less a second: \(seconds)")
        #expect(call.count == 8)
    }

    @Test func aRolloutThatDoesNotFinishFailsTheSettle() throws {
        let setup = try Self.setup(
            body: FakeProgram.failing("error: deployment \"web\" exceeded its progress deadline"))
        let deployment = try #require(try ExecutorFixtures.clusterManifests(on: setup.node).first { $0.path == "web/deployment.yaml" })
        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.settle([Self.change(.update, deployment)], deadline: .now + .seconds(30))
        }
        #expect(error.description.hasSuffix("exited with status 1: error: deployment \"web\" exceeded its progress deadline"))
        #expect(!error.isRetryable)
    }

    @Test func anUnreachableClusterIsRetryableAndAForbiddenApplyIsNot() throws {
        let deployment = try #require(
            try ExecutorFixtures.clusterManifests(on: ExecutorFixtures.node("c", .kubernetes(context: nil, namespace: "agents")))
                .first { $0.path == "web/deployment.yaml" })
        let unreachable = try Self.setup(
            body: FakeProgram.failing(
                "Unable to connect to the server: dial tcp 10.0.0.1:6443: connect: connection refused"))
        let retry = try #require(throws: ExecutorError.self) {
            try unreachable.executor.apply(Self.change(.create, deployment), deadline: .now + .seconds(30))
        }
        #expect(retry.isRetryable)

        let forbidden = try Self.setup(
            body: FakeProgram.failing(
                "Error from server (Forbidden): deployments.apps \"web\" is forbidden: User \"agentplane\" cannot patch resource "
                    + "\"deployments\" in API group \"apps\" in the namespace \"agents\""))
        let terminal = try #require(throws: ExecutorError.self) {
            try forbidden.executor.apply(Self.change(.create, deployment), deadline: .now + .seconds(30))
        }
        #expect(!terminal.isRetryable)
        #expect(terminal.description.contains("apply --server-side --field-manager=agentplane --force-conflicts -f - exited with status 1: Error from server (Forbidden)"))
    }

    @Test func aKubectlThatHangsIsStoppedAtTheDeadline() throws {
        let setup = try Self.setup(body: "sleep 30")
        let deployment = try #require(try ExecutorFixtures.clusterManifests(on: setup.node).first { $0.path == "web/deployment.yaml" })
        let started = ContinuousClock.now
        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.apply(Self.change(.create, deployment), deadline: .now + .seconds(1))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error.isRetryable)
        #expect(error.description.contains("did not finish within"))
    }

    @Test(arguments: ["../deployment.yaml", "web/other.yaml", "-n/deployment.yaml", "web/pvc-.yaml", "web", "a/b/deployment.yaml"])
    func pathsTheRendererCouldNotHaveWrittenAreRefused(path: String) throws {
        let setup = try Self.setup()
        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.apply(Self.delete(path), deadline: .now + .seconds(5))
        }
        #expect(error.description.contains("not a Kubernetes object path agentplane renders"))
        #expect(try setup.kubectl.calls().isEmpty)
    }

    @Test func withoutAContextNoContextIsPassed() throws {
        let setup = try Self.setup(context: nil)
        try setup.executor.apply(Self.delete("web/deployment.yaml"), deadline: .now + .seconds(5))
        #expect(try setup.kubectl.calls() == [["-n", "agents", "delete", "deployment/web", "--ignore-not-found"]])
    }

    @Test func smokeChecksExecIntoTheDeploymentAndReturnTheExitStatus() throws {
        let setup = try Self.setup(body: "echo ok\nexit 4")
        let named = try setup.executor.exec(pod: "web", container: "agent", argv: ["sh", "-c", "echo ok"], deadline: .now + .seconds(10))
        let unnamed = try setup.executor.exec(pod: "web", container: nil, argv: ["--version"], deadline: .now + .seconds(10))
        #expect(
            try setup.kubectl.calls() == [
                Self.global + ["exec", "deploy/web", "-c", "agent", "--", "sh", "-c", "echo ok"],
                Self.global + ["exec", "deploy/web", "--", "--version"],
            ])
        #expect(named.status == 4)
        #expect(named.stdoutText == "ok\n")
        #expect(unnamed.status == 4)
    }
}
