import Foundation
import PlaneModel
import Testing

@testable import Executors

/// The podman executor against a fake podman: recorded listings with cases real podman does not
/// produce on demand, garbage output, a connection, a container that vanishes mid-observe.
struct PodmanListingTests {
    struct Setup {
        let folder: TemporaryFolder
        let podman: FakeProgram
        let executor: any Executor
    }

    /// A fake podman answering `pod ps` with `pods` and `container inspect` with `inspect`
    /// (shell snippets), after an optional `--connection NAME`.
    static func setup(pods: String, inspect: String = "exit 99", connection: String? = nil) throws -> Setup {
        let folder = try TemporaryFolder()
        let body = """
            [ "$1" = --connection ] && shift 2
            case "$1 $2" in
              "pod ps") \(pods) ;;
              "container inspect") \(inspect) ;;
              *) echo "fake podman: unexpected $*" >&2; exit 3 ;;
            esac
            """
        let podman = try FakeProgram("podman", in: folder, body: body)
        let node = ExecutorFixtures.node("edge", .podman(connection: connection))
        let environment = ExecutorEnvironment(stateDirectory: folder.path, programs: ["podman": podman.path])
        return Setup(folder: folder, podman: podman, executor: Executors.make(for: node, environment: environment))
    }

    static func fixture(_ name: String) -> String {
        "cat '\(ExecutorFixtures.fixtures.appendingPathComponent("podman/\(name)").path)'"
    }

    @Test func replicasHostileLabelsAndDisagreementsAreReadCarefully() throws {
        let setup = try Self.setup(pods: Self.fixture("pod-ps.json"), inspect: Self.fixture("container-inspect.json"))
        let observation = try setup.executor.observe()
        #expect(
            observation.objects == [
                ObservedObject(path: "empty/kube.yaml", claimedDigest: nil, state: "created"),
                ObservedObject(path: "half/kube.yaml", claimedDigest: nil, state: "running"),
                ObservedObject(path: "web/kube.yaml", claimedDigest: String(repeating: "1", count: 64), state: "degraded/running"),
            ])
        let calls = try setup.podman.calls()
        #expect(calls.count == 2)
        #expect(calls.first == ["pod", "ps", "--format", "json", "--filter", "label=agentplane.dev/managed-by=agentplane"])
        #expect(
            calls.last
                == ["container", "inspect", "--format", "json"] + ["c1", "c2", "c3", "c4"].map { String(repeating: $0, count: 32) })
    }

    @Test(arguments: ["", "null", "[]", "[]\n"])
    func noPodsIsAnEmptyNode(output: String) throws {
        let setup = try Self.setup(pods: "printf '%s' '\(output)'")
        #expect(try setup.executor.observe().objects.isEmpty)
        #expect(try setup.podman.calls().count == 1, "nothing to inspect")
    }

    @Test(arguments: ["{not json", "{\"Id\": \"x\"}", "[{\"Name\": \"no id\"}]", "\u{7f}ELF\u{02}\u{01}"])
    func garbageIsAnErrorNeverAnEmptyNode(output: String) throws {
        let setup = try Self.setup(pods: "printf '%s' '\(output)'")
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        guard case .unexpectedOutput(let program, _) = error.reason else {
            Issue.record("expected unexpectedOutput, got \(error)")
            return
        }
        #expect(program == "podman")
        #expect(!error.isRetryable)
    }

    @Test func garbageFromInspectIsAnError() throws {
        let setup = try Self.setup(pods: Self.fixture("pod-ps.json"), inspect: "echo '[{\"Config\": {}}]'")
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.description == "unexpected output from podman: `container inspect` entry 0 has no Id")
    }

    @Test func theConnectionIsPassedFirst() throws {
        let setup = try Self.setup(pods: "echo '[]'", connection: "edge 1")
        _ = try setup.executor.observe()
        #expect(
            try setup.podman.calls() == [
                ["--connection", "edge 1", "pod", "ps", "--format", "json", "--filter", "label=agentplane.dev/managed-by=agentplane"]
            ])
    }

    @Test func aContainerThatVanishesMidObserveIsLookedAtAgain() throws {
        let setup = try Self.setup(
            pods: Self.fixture("pod-ps.json"),
            inspect: """
                if [ ! -e "$0.inspected" ]; then touch "$0.inspected"; echo 'Error: no such container c1' >&2; exit 125; fi
                \(Self.fixture("container-inspect.json"))
                """)
        let observation = try setup.executor.observe()
        #expect(observation.objects.count == 3)
        #expect(try setup.podman.calls().count == 4)
    }

    @Test func aBusyPodmanIsRetryable() throws {
        let setup = try Self.setup(pods: FakeProgram.failing("Error: acquiring lock 0 for pod web: resource temporarily unavailable", status: 125))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.isRetryable)
    }

    @Test func aMissingPodmanSaysWhereItLooked() throws {
        let node = ExecutorFixtures.node("edge", .podman(connection: nil))
        let environment = ExecutorEnvironment(stateDirectory: "/", searchPath: ["/nonexistent/bin", "/nope"])
        let error = try #require(throws: ExecutorError.self) { try Executors.make(for: node, environment: environment).observe() }
        #expect(error.description == "podman not found on PATH (/nonexistent/bin:/nope); install podman or configure its path")
    }
}
