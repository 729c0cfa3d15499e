import Foundation
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The kubernetes executor observes through `kubectl get -l … -o json`, here a fake kubectl that
/// checks its argv and prints a recorded listing from `Fixtures/kubectl/`.
struct KubernetesObserveTests {
    static let expectedQuery =
        "get deployments,jobs,serviceaccounts,networkpolicies,persistentvolumeclaims -l agentplane.dev/managed-by=agentplane -o json"

    /// The fake kubectl, its folder (kept alive as long as this value) and the executor.
    struct Setup {
        let folder: TemporaryFolder
        let kubectl: FakeProgram
        let executor: any Executor
    }

    /// A fake kubectl that refuses any argv but `prefix` + the query, then runs `body`.
    static func executor(
        body: String, context: String? = "prod-east", namespace: String = "agents"
    ) throws -> Setup {
        let folder = try TemporaryFolder()
        let prefix = (context.map { "--context \($0) " } ?? "") + "-n \(namespace) "
        let check = """
            if [ "$*" != '\(prefix + expectedQuery)' ]; then
              echo "fake kubectl: unexpected argv: $*" >&2
              exit 3
            fi
            """
        let kubectl = try FakeProgram("kubectl", in: folder, body: check + "\n" + body)
        let node = ExecutorFixtures.node("cluster-1", .kubernetes(context: context, namespace: namespace))
        let environment = ExecutorEnvironment(stateDirectory: folder.path, programs: ["kubectl": kubectl.path])
        return Setup(folder: folder, kubectl: kubectl, executor: Executors.make(for: node, environment: environment))
    }

    static func fixture(_ name: String) -> URL {
        ExecutorFixtures.fixtures.appendingPathComponent("kubectl/\(name)")
    }

    @Test func ownedObjectsMapBackToTheirPaths() throws {
        let setup = try Self.executor(body: FakeProgram.printing(Self.fixture("get-owned.json")))
        let observation = try setup.executor.observe()

        #expect(
            observation.objects == [
                ObservedObject(path: "batch/job.yaml", claimedDigest: String(repeating: "b", count: 64), state: "complete"),
                ObservedObject(path: "batch/serviceaccount.yaml", claimedDigest: String(repeating: "d", count: 64)),
                ObservedObject(path: "stuck/deployment.yaml", claimedDigest: nil, state: "stalled (0/1)"),
                ObservedObject(
                    path: "web/deployment.yaml", claimedDigest: String(repeating: "a", count: 64), state: "available (2/2)"),
                ObservedObject(path: "web/networkpolicy.yaml", claimedDigest: String(repeating: "e", count: 64)),
                ObservedObject(path: "web/pvc-models.yaml", claimedDigest: String(repeating: "f", count: 64), state: "bound"),
                ObservedObject(path: "web/serviceaccount.yaml", claimedDigest: String(repeating: "c", count: 64)),
            ])
        #expect(try setup.kubectl.calls() == [["--context", "prod-east", "-n", "agents"] + Self.expectedQuery.split(separator: " ").map(String.init)])
    }

    @Test func theRecordedObjectsHaveThePathsTheRendererGivesThem() throws {
        let setup = try Self.executor(body: FakeProgram.printing(Self.fixture("get-owned.json")))
        let observed = Set(try setup.executor.observe().objects.map(\.path).filter { !$0.hasPrefix("stuck/") })
        let node = ExecutorFixtures.node("cluster-1", .kubernetes(context: "prod-east", namespace: "agents"))
        let rendered = try ExecutorFixtures.clusterManifests(on: node)
        #expect(observed == Set(rendered.map(\.path)))
        let claim = try #require(rendered.first { $0.path == "web/pvc-models.yaml" })
        let text = String(decoding: claim.bytes, as: UTF8.self)
        #expect(text.contains("  name: web-models\n"))
        #expect(text.contains("    agentplane.dev/volume: models\n"))
    }

    @Test func objectsWithoutOurLabelOrWithNamesWeNeverRenderAreIgnored() throws {
        let setup = try Self.executor(body: FakeProgram.printing(Self.fixture("get-owned.json")))
        let paths = try setup.executor.observe().objects.map(\.path)
        #expect(!paths.contains { $0.hasPrefix("legacy/") }, "no managed-by label")
        #expect(!paths.contains { $0.contains("..") || $0.hasPrefix("/") }, "pod label not a pod name")
        #expect(!paths.contains { $0.hasPrefix("web/configmap") }, "a kind agentplane does not render")
    }

    @Test func noContextMeansTheCurrentOne() throws {
        let setup = try Self.executor(
            body: FakeProgram.printing(Self.fixture("get-empty.json")), context: nil, namespace: "team a")
        #expect(try setup.executor.observe().objects.isEmpty)
        #expect(try setup.kubectl.calls().first?.prefix(2) == ["-n", "team a"])
    }

    @Test func malformedJSONIsAClearTerminalError() throws {
        let setup = try Self.executor(body: FakeProgram.printing(Self.fixture("malformed.json")))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.description.hasPrefix("unexpected output from kubectl: not JSON ("))
        #expect(error.description.hasSuffix("output starts with \"{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"kind\": \"Deployme\""))
        #expect(!error.isRetryable)
    }

    @Test func jsonWithoutItemsIsAnError() throws {
        let setup = try Self.executor(body: FakeProgram.printing(Self.fixture("status.json")))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.description == "unexpected output from kubectl: `get -o json` printed no \"items\" list (a JSON object)")
    }

    @Test(arguments: ["", "null", "[1, 2]", "\u{00}\u{01}binary", "{\"items\": \"nope\"}"])
    func garbageIsAnErrorNeverAnEmptyCluster(output: String) throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("out.json", output)
        let setup = try Self.executor(body: "cat '\(file)'")
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        guard case .unexpectedOutput(let program, _) = error.reason else {
            Issue.record("expected unexpectedOutput, got \(error)")
            return
        }
        #expect(program == "kubectl")
    }

    @Test func anUnreachableClusterIsRetryable() throws {
        let stderr = "Unable to connect to the server: dial tcp 10.0.0.1:6443: connect: connection refused"
        let setup = try Self.executor(body: FakeProgram.failing(stderr))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.isRetryable)
        #expect(
            error.description
                == "\(setup.kubectl.path) --context prod-east -n agents \(Self.expectedQuery) exited with status 1: \(stderr)")
    }

    @Test func aForbiddenListingIsTerminal() throws {
        let stderr =
            "Error from server (Forbidden): deployments.apps is forbidden: User \"system:serviceaccount:agents:x\" cannot list resource"
        let setup = try Self.executor(body: FakeProgram.failing(stderr))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(!error.isRetryable)
    }

    @Test func aMissingKubectlSaysWhereItLooked() throws {
        let node = ExecutorFixtures.node("cluster-1", .kubernetes(context: nil, namespace: "agents"))
        let environment = ExecutorEnvironment(stateDirectory: "/", searchPath: ["/nonexistent/bin"])
        let error = try #require(throws: ExecutorError.self) { try Executors.make(for: node, environment: environment).observe() }
        #expect(error.description == "kubectl not found on PATH (/nonexistent/bin); install kubectl or configure its path")
    }
}
