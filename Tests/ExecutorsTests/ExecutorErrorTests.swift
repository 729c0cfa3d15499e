import Testing

@testable import Executors

/// What a reader sees when an executor fails, and which failures are worth retrying.
struct ExecutorErrorTests {
    @Test func missingProgramNamesThePathSearchedAndTheFix() throws {
        let environment = ExecutorEnvironment(stateDirectory: "/tmp", searchPath: ["/nonexistent/bin", "/also/not"])
        let error = try #require(throws: ExecutorError.self) { try environment.locate("podman") }
        #expect(
            error.description
                == "podman not found on PATH (/nonexistent/bin:/also/not); install podman or configure its path")
        #expect(!error.isRetryable)
    }

    @Test func aConfiguredPathThatIsNotExecutableIsNamed() throws {
        let environment = ExecutorEnvironment(
            stateDirectory: "/tmp", programs: ["kubectl": "/nonexistent/kubectl"], searchPath: ["/usr/bin"])
        let error = try #require(throws: ExecutorError.self) { try environment.locate("kubectl") }
        #expect(error.description.hasPrefix("kubectl not found at /nonexistent/kubectl, the path configured for it"))
    }

    @Test func aConfiguredPathWinsOverPath() throws {
        let environment = ExecutorEnvironment(stateDirectory: "/tmp", programs: ["podman": "/bin/sh"], searchPath: [])
        #expect(try environment.locate("podman") == "/bin/sh")
    }

    @Test func programsAreFoundOnThePathInOrder() throws {
        let environment = ExecutorEnvironment(stateDirectory: "/tmp", searchPath: ["/nonexistent", "/bin", "/usr/bin"])
        #expect(try environment.locate("sh") == "/bin/sh")
    }

    @Test(arguments: [
        "Unable to connect to the server: dial tcp 127.0.0.1:6443: connect: connection refused",
        "error: the server is currently unable to handle the request",
        "Error: acquiring lock 3 for pod web: resource temporarily unavailable",
        "Get \"https://10.0.0.1/api\": net/http: TLS handshake timeout",
    ])
    func passingTroubleIsRetryable(stderr: String) {
        let error = ExecutorError.commandFailed(["/usr/bin/kubectl", "get", "pods"], status: 1, stderr: stderr)
        #expect(error.isRetryable)
    }

    @Test(arguments: [
        "error: the server doesn't have a resource type \"deploymentz\"",
        "Error: no such pod web",
        "Error from server (Forbidden): deployments.apps is forbidden",
    ])
    func lastingTroubleIsTerminal(stderr: String) {
        let error = ExecutorError.commandFailed(["/usr/bin/kubectl", "get", "pods"], status: 1, stderr: stderr)
        #expect(!error.isRetryable)
    }

    @Test func timeoutsAreRetryableAndBadOutputIsNot() {
        #expect(ExecutorError.timedOut(["/usr/bin/podman"], seconds: 5).isRetryable)
        #expect(!ExecutorError.unexpectedOutput("podman", "not JSON").isRetryable)
        #expect(!ExecutorError.io("/srv/units/web.pod", "Permission denied").isRetryable)
    }

    @Test func commandFailureShowsArgvStatusAndStderr() {
        let error = ExecutorError.commandFailed(
            ["/usr/bin/podman", "pod", "ps", "--filter", "label=a b"], status: 125, stderr: "Error: boom\n")
        #expect(error.description == "/usr/bin/podman pod ps --filter 'label=a b' exited with status 125: Error: boom")
    }

    @Test func longStderrKeepsItsEnd() {
        let stderr = String(repeating: "x", count: 10_000) + "the real reason"
        let error = ExecutorError.commandFailed(["/bin/false"], status: 1, stderr: stderr)
        guard case .commandFailed(_, _, _, let excerpt) = error.reason else {
            Issue.record("expected commandFailed, got \(error.reason)")
            return
        }
        #expect(excerpt.count == ExecutorError.excerptLimit + 1)
        #expect(excerpt.hasSuffix("the real reason"))
        #expect(excerpt.hasPrefix("…"))
    }
}
