import Foundation
import Planning
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The exact podman calls of apply, settle and exec, through a fake podman: the connection, the
/// play options a kube file cannot carry, listings that real podman will not produce on demand.
struct PodmanApplyCommandTests {
    struct Setup {
        let folder: TemporaryFolder
        let podman: FakeProgram
        let executor: any Executor

        /// What the fake read on stdin at call `index` (counting from 1).
        func stdin(_ index: Int) throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/stdin.\(index)")))
        }
    }

    /// A fake podman that saves stdin per call, then answers `pod ps` with `pods`, `ps` with
    /// `containers` and `kube play` with `play` (shell snippets; `$3` is `--replace` or not) and
    /// succeeds silently for anything else.
    static func setup(
        pods: String = "echo '[]'", containers: String = "echo '[]'", play: String = "true", connection: String? = "edge-1"
    ) throws -> Setup {
        let folder = try TemporaryFolder()
        let body = """
            count=$(grep -c -- '^--end--$' '\(folder.path)/podman.argv')
            cat > '\(folder.path)/stdin.'"$count"
            [ "$1" = --connection ] && shift 2
            case "$1 $2" in
              "pod ps") \(pods) ;;
              "ps --all") \(containers) ;;
              "kube play") \(play) ;;
            esac
            """
        let podman = try FakeProgram("podman", in: folder, body: body)
        let node = ExecutorFixtures.node("edge", .podman(connection: connection))
        let environment = ExecutorEnvironment(stateDirectory: folder.path, programs: ["podman": podman.path])
        return Setup(folder: folder, podman: podman, executor: Executors.make(for: node, environment: environment))
    }

    static func manifest(_ mode: Profile.NetworkMode, replicas: Int = 1) throws -> RenderedObject {
        let node = ExecutorFixtures.node("edge", .podman(connection: nil))
        let pod = ExecutorFixtures.pod("web", replicas: replicas)
        return try #require(try KubernetesRenderer().renderPodmanKube(ExecutorFixtures.placement(pod, on: node, mode: mode)).first)
    }

    static func change(_ action: Change.Action, _ object: RenderedObject) -> Change {
        Change(
            action: action, path: object.path, kind: object.kind, pod: "web", bundle: "assistants", reason: "new",
            beforeDigest: nil, afterDigest: object.labels[OwnershipLabel.digest], before: nil,
            after: action == .delete ? nil : object.bytes, timeoutSeconds: 60)
    }

    /// A `pod ps --format json` listing of `names`, labelled as agentplane's pod `pod`.
    static func podList(_ names: [String], pod: String = "web", managed: Bool = true) -> String {
        let entries = names.map { name in
            let managedBy = managed ? "\"agentplane.dev/managed-by\": \"agentplane\", " : ""
            return "{\"Id\": \"id-\(name)\", \"Name\": \"\(name)\", \"Status\": \"Running\", \"Labels\": {\(managedBy)\"agentplane.dev/pod\": \"\(pod)\"}}"
        }
        return "echo '[\(entries.joined(separator: ", "))]'"
    }

    /// What podman 4.3 says when `kube play` (without `--replace`) meets a pod of the same name.
    static let nameInUse = """
        if [ "$3" != --replace ]; then
          echo 'Error: encountered while bringing up pod web-pod-0: adding pod to state: name "web-pod-0" is in use: pod already exists' >&2
          exit 125
        fi
        """

    @Test func aNewPodWithoutNetworkIsPlayedOnceWithNetworkNoneThroughTheConnection() throws {
        let setup = try Self.setup()
        let manifest = try Self.manifest(.none)
        try setup.executor.apply(Self.change(.create, manifest), deadline: .now + .seconds(30))
        #expect(try setup.podman.calls() == [["--connection", "edge-1", "kube", "play", "--network", "none", "-"]])
        #expect(try setup.stdin(1) == manifest.bytes, "the manifest goes to podman unchanged")
    }

    @Test func aCreateWhosePodsNameIsTakenByOurOwnPodReplacesIt() throws {
        let setup = try Self.setup(pods: Self.podList(["web-pod-0"]), play: Self.nameInUse)
        let manifest = try Self.manifest(.none)
        try setup.executor.apply(Self.change(.create, manifest), deadline: .now + .seconds(30))
        #expect(
            try setup.podman.calls() == [
                ["--connection", "edge-1", "kube", "play", "--network", "none", "-"],
                ["--connection", "edge-1", "pod", "ps", "--format", "json", "--filter", "name=^web-pod-[0-9]+$"],
                ["--connection", "edge-1", "kube", "play", "--replace", "--network", "none", "-"],
            ])
        #expect(try setup.stdin(3) == manifest.bytes)
    }

    @Test func aPlayThatFailsOtherwiseIsReportedAsIs() throws {
        let setup = try Self.setup(play: FakeProgram.failing("Error: short-name resolution enforced", status: 125))
        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.apply(Self.change(.create, try Self.manifest(.open)), deadline: .now + .seconds(30))
        }
        #expect(error.description.hasSuffix("kube play - exited with status 125: Error: short-name resolution enforced"))
        #expect(!error.isRetryable)
        #expect(try setup.podman.calls().count == 1)
    }

    @Test func anOpenPodIsPlayedWithoutNetworkOptionsLocally() throws {
        let setup = try Self.setup(connection: nil)
        try setup.executor.apply(Self.change(.update, try Self.manifest(.open)), deadline: .now + .seconds(30))
        #expect(try setup.podman.calls().last == ["kube", "play", "--replace", "-"])
    }

    @Test func replicasBeyondTheNewCountAreRemovedAfterThePlay() throws {
        let setup = try Self.setup(pods: Self.podList(["web-pod-0", "web-pod-1", "web-pod-2"]))
        try setup.executor.apply(Self.change(.update, try Self.manifest(.open, replicas: 2)), deadline: .now + .seconds(30))
        #expect(
            Array(try setup.podman.calls().suffix(2)) == [
                ["--connection", "edge-1", "kube", "play", "--replace", "-"],
                ["--connection", "edge-1", "pod", "rm", "--force", "--ignore", "web-pod-2"],
            ])
    }

    @Test func aForeignPodOfAReplicasNameStopsThePlay() throws {
        let setup = try Self.setup(pods: Self.podList(["web-pod-0"], managed: false), play: Self.nameInUse)
        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.apply(Self.change(.create, try Self.manifest(.open)), deadline: .now + .seconds(30))
        }
        #expect(error.description.hasPrefix("web-pod-0: a pod of this name exists and is not managed by agentplane for pod web"))
        let calls = try setup.podman.calls().map { Array($0.dropFirst(2).prefix(3)) }
        #expect(calls == [["kube", "play", "-"], ["pod", "ps", "--format"]], "nothing is replaced")
    }

    @Test func aDeleteRemovesOnlyOurPodsOfThatName() throws {
        let listing = "echo '[" + [
            "{\"Id\": \"1\", \"Name\": \"web-pod-0\", \"Status\": \"Running\", \"Labels\": {\"agentplane.dev/managed-by\": \"agentplane\", \"agentplane.dev/pod\": \"web\"}}",
            "{\"Id\": \"2\", \"Name\": \"web-copy\", \"Status\": \"Running\", \"Labels\": {\"agentplane.dev/pod\": \"web\"}}",
        ].joined(separator: ", ") + "]'"
        let setup = try Self.setup(pods: listing)
        try setup.executor.apply(Self.change(.delete, try Self.manifest(.open)), deadline: .now + .seconds(30))
        #expect(
            try setup.podman.calls() == [
                ["--connection", "edge-1", "pod", "ps", "--format", "json", "--filter", "label=agentplane.dev/pod=web"],
                ["--connection", "edge-1", "pod", "rm", "--force", "--ignore", "web-pod-0"],
            ])

        let gone = try Self.setup()
        try gone.executor.apply(Self.change(.delete, try Self.manifest(.open)), deadline: .now + .seconds(30))
        #expect(try gone.podman.calls().count == 1, "nothing to remove: a success without a pod rm")
    }

    @Test func aPodStillStartingAtTheDeadlineIsRetryable() throws {
        let created = "echo '[{\"Id\": \"c1\", \"Names\": [\"web-pod-0-agent\"], \"State\": \"created\", \"ExitCode\": 0, \"IsInfra\": false, \"Labels\": {\"agentplane.dev/managed-by\": \"agentplane\", \"agentplane.dev/pod\": \"web\"}}]'"
        let setup = try Self.setup(containers: created)
        let started = ContinuousClock.now
        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.settle([Self.change(.create, try Self.manifest(.open))], deadline: .now + .seconds(1))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error.description == "web/kube.yaml: still starting when the deadline passed (web-pod-0-agent created)")
        #expect(error.isRetryable)
        let calls = try setup.podman.calls()
        #expect(calls.count > 1, "polled until the deadline")
        #expect(calls.allSatisfy {
            $0 == ["--connection", "edge-1", "ps", "--all", "--format", "json", "--filter", "label=agentplane.dev/managed-by=agentplane"]
                + ["--filter", "pod=web-pod-0"]
        })
    }

    @Test func settleListsOnlyThePlayedReplicasAndReturnsOnceTheyRun() throws {
        let running = "echo '[" + ["web-pod-0-agent", "web-pod-1-agent"].map {
            "{\"Id\": \"\($0)\", \"Names\": [\"\($0)\"], \"State\": \"running\", \"ExitCode\": 0, \"Labels\": "
                + "{\"agentplane.dev/managed-by\": \"agentplane\", \"agentplane.dev/pod\": \"web\"}}"
        }.joined(separator: ", ") + "]'"
        let setup = try Self.setup(containers: running, connection: nil)
        try setup.executor.settle([Self.change(.update, try Self.manifest(.open, replicas: 2))], deadline: .now + .seconds(30))
        #expect(
            try setup.podman.calls() == [
                ["ps", "--all", "--format", "json", "--filter", "label=agentplane.dev/managed-by=agentplane"]
                    + ["--filter", "pod=web-pod-0", "--filter", "pod=web-pod-1"]
            ])
    }

    @Test func settlingOnlyDeletesWaitsForNothing() throws {
        let setup = try Self.setup()
        try setup.executor.settle([Self.change(.delete, try Self.manifest(.open))], deadline: .now + .seconds(5))
        #expect(try setup.podman.calls().isEmpty)
    }

    @Test(arguments: ["web/deployment.yaml", "../kube.yaml", "-x/kube.yaml", "kube.yaml"])
    func pathsThatAreNotAPodsManifestAreRefused(path: String) throws {
        let setup = try Self.setup()
        var change = Self.change(.create, try Self.manifest(.open))
        change.path = path
        let error = try #require(throws: ExecutorError.self) { try setup.executor.apply(change, deadline: .now + .seconds(5)) }
        #expect(error.description.hasSuffix("not a podman object path agentplane renders (<pod>/kube.yaml)"))
        #expect(try setup.podman.calls().isEmpty)
    }
}
