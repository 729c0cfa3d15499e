import Foundation
import Planning
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The podman executor applies plans with real podman: `kube play --replace` of each pod's
/// manifest, pods removed for deletes, settle waiting until the pods run, smoke checks through
/// `podman exec`. Every pod name is unique to one test, and everything is removed afterwards.
@Suite(.serialized) struct PodmanApplyTests {
    static let node = ExecutorFixtures.node("edge", .podman(connection: nil))

    /// The `kube.yaml` of busybox pod `name`.
    static func manifest(
        _ name: String, logLevel: String = "info", replicas: Int = 1, command: [String] = PodmanHarness.idleCommand,
        restartPolicy: AgentPod.RestartPolicy = .always
    ) throws -> RenderedObject {
        var pod = ExecutorFixtures.pod(
            name, image: PodmanHarness.image, command: command, replicas: replicas, restartPolicy: restartPolicy)
        pod.spec.containers[0].env = [AgentPod.EnvVar(name: "LOG_LEVEL", source: .value(logLevel))]
        let objects = try KubernetesRenderer().renderPodmanKube(ExecutorFixtures.placement(pod, on: node))
        return try #require(objects.first)
    }

    /// The harness, the executor and the unique AgentPod names of one test.
    struct Run {
        let podman: PodmanHarness
        let executor: any Executor
        let names: [String]

        init(_ bases: [String]) throws {
            podman = try PodmanHarness()
            executor = Executors.make(for: PodmanApplyTests.node, environment: podman.executorEnvironment)
            names = bases.map(podman.uniqueName)
            for name in names { podman.removeOnCleanUp(agentPod: name) }
        }

        /// The observation, narrowed to this test's pods (other tests on this machine have theirs).
        func observe() throws -> NodeObservation {
            let all = try executor.observe()
            return NodeObservation(node: all.node, objects: all.objects.filter { names.contains(String($0.path.prefix { $0 != "/" })) })
        }

        /// Plans `desired` against the narrowed observation.
        func plan(_ desired: [RenderedObject]) throws -> NodePlan {
            Planner.plan(
                node: PodmanApplyTests.node, revision: "r",
                desired: desired.map { DesiredObject(object: $0, bundleRank: 0, timeoutSeconds: 120) }, observed: try observe())
        }

        /// Plans, applies every change and settles; returns the plan.
        @discardableResult
        func reconcile(_ desired: [RenderedObject]) throws -> NodePlan {
            let plan = try plan(desired)
            for change in plan.changes { try executor.apply(change, deadline: .now + .seconds(change.timeoutSeconds)) }
            try executor.settle(plan.changes, deadline: .now + .seconds(120))
            return plan
        }

        /// The id of pod `name` (empty when there is none).
        func podID(_ name: String) throws -> String {
            try podman.podmanSucceeding(["pod", "ps", "--format", "{{.ID}}", "--filter", "name=^\(name)$"]).stdoutText
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test func aTwoPodPlanIsAppliedUpdatedAndDeletedAndSmokeChecked() throws {
        let run = try Run(["alpha", "beta"])
        defer { run.podman.cleanUp() }
        let (alpha, beta) = (run.names[0], run.names[1])

        let first = try run.reconcile([try Self.manifest(alpha), try Self.manifest(beta)])
        #expect(first.changes.map(\.action) == [.create, .create])
        #expect(try run.podman.podNames(ofAgentPod: alpha) == ["\(alpha)-pod-0"])
        #expect(try run.podman.podNames(ofAgentPod: beta) == ["\(beta)-pod-0"])
        #expect(try run.plan([try Self.manifest(alpha), try Self.manifest(beta)]).changes.isEmpty, "in sync")
        #expect(try run.observe().objects.map(\.state) == ["running", "running"])

        let ok = try run.executor.exec(pod: alpha, container: "agent", argv: ["sh", "-c", "echo ok"], deadline: .now + .seconds(30))
        #expect(ok.status == 0)
        #expect(ok.stdoutText == "ok\n")
        let unnamed = try run.executor.exec(pod: alpha, container: nil, argv: ["sh", "-c", "echo $LOG_LEVEL"], deadline: .now + .seconds(30))
        #expect(unnamed.stdoutText == "info\n")
        let failing = try run.executor.exec(pod: alpha, container: nil, argv: ["sh", "-c", "echo no >&2; exit 3"], deadline: .now + .seconds(30))
        #expect(failing.status == 3, "a failing check is a result")
        #expect(failing.stderrText == "no\n")

        let betaID = try run.podID("\(beta)-pod-0")
        let updated = try run.reconcile([try Self.manifest(alpha, logLevel: "debug"), try Self.manifest(beta)])
        #expect(updated.changes.map(\.path) == ["\(alpha)/kube.yaml"])
        #expect(updated.changes.map(\.action) == [.update])
        let level = try run.executor.exec(pod: alpha, container: "agent", argv: ["sh", "-c", "echo $LOG_LEVEL"], deadline: .now + .seconds(30))
        #expect(level.stdoutText == "debug\n", "the pod was replaced with the new manifest")
        #expect(try run.podID("\(beta)-pod-0") == betaID, "the unchanged pod was not touched")
        #expect(try run.plan([try Self.manifest(alpha, logLevel: "debug"), try Self.manifest(beta)]).changes.isEmpty)

        let deleted = try run.reconcile([try Self.manifest(alpha, logLevel: "debug")])
        #expect(deleted.changes.map(\.action) == [.delete])
        #expect(deleted.changes.map(\.path) == ["\(beta)/kube.yaml"])
        #expect(try run.podman.podNames(ofAgentPod: beta).isEmpty)
        #expect(try run.podman.podNames(ofAgentPod: alpha) == ["\(alpha)-pod-0"])
        let delete = try #require(deleted.changes.first)
        try run.executor.apply(delete, deadline: .now + .seconds(60))  // already gone: still a success
        #expect(try run.plan([try Self.manifest(alpha, logLevel: "debug")]).changes.isEmpty)
    }

    @Test func playingAnAlreadyPlayedManifestAgainIsHarmlessAndScalingDownRemovesReplicas() throws {
        let run = try Run(["gamma"])
        defer { run.podman.cleanUp() }
        let gamma = run.names[0]
        let twice = try Self.manifest(gamma, replicas: 2)
        let plan = try run.reconcile([twice])
        #expect(try run.podman.podNames(ofAgentPod: gamma) == ["\(gamma)-pod-0", "\(gamma)-pod-1"])

        // A rerun after a crash between the play and its journal entry plays the same manifest.
        let create = try #require(plan.changes.first)
        try run.executor.apply(create, deadline: .now + .seconds(120))
        try run.executor.settle([create], deadline: .now + .seconds(120))
        #expect(try run.podman.podNames(ofAgentPod: gamma) == ["\(gamma)-pod-0", "\(gamma)-pod-1"])
        #expect(try run.plan([twice]).changes.isEmpty)

        let once = try Self.manifest(gamma, replicas: 1)
        #expect(try run.reconcile([once]).changes.map(\.action) == [.update])
        #expect(try run.podman.podNames(ofAgentPod: gamma) == ["\(gamma)-pod-0"], "the replica the new manifest does not name is gone")
        #expect(try run.plan([once]).changes.isEmpty)
    }

    @Test func aForeignPodWithAReplicasNameIsNeverReplaced() throws {
        let run = try Run(["delta"])
        defer { run.podman.cleanUp() }
        let delta = run.names[0]
        let foreign = "\(delta)-pod-0"
        try run.podman.createForeignPod(foreign)
        let foreignID = try run.podID(foreign)

        let error = try #require(throws: ExecutorError.self) { try run.reconcile([try Self.manifest(delta)]) }
        #expect(error.description.hasPrefix("\(foreign): a pod of this name exists and is not managed by agentplane"))
        #expect(!error.isRetryable)
        #expect(try run.podID(foreign) == foreignID)
    }

    @Test func aContainerThatFailsFailsTheSettleWithItsLog() throws {
        let run = try Run(["epsilon", "zeta"])
        defer { run.podman.cleanUp() }
        let (failing, finishing) = (run.names[0], run.names[1])
        let error = try #require(throws: ExecutorError.self) {
            try run.reconcile([
                try Self.manifest(failing, command: ["/bin/sh", "-c", "echo boom; exit 7"], restartPolicy: .never)
            ])
        }
        #expect(error.description == "\(failing)/kube.yaml: container \(failing)-pod-0-agent exited with status 7; its log ends: boom")
        #expect(!error.isRetryable)

        // A run-once pod that ends cleanly has settled.
        try run.reconcile([try Self.manifest(finishing, command: ["/bin/sh", "-c", "echo done"], restartPolicy: .never)])
    }
}
