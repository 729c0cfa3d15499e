import Foundation
import Planning
import PlaneModel
import Testing

@testable import Executors

/// Smoke checks on a directory node run on the control host, in the node's folder; settling a
/// directory node does nothing.
struct DirectoryExecTests {
    static let node = ExecutorFixtures.node("render-only", .directory(path: "node"))

    static func executor(_ state: TemporaryFolder, searchPath: [String]? = nil) throws -> any Executor {
        try state.write("node/.keep", "")
        return Executors.make(for: node, environment: ExecutorEnvironment(stateDirectory: state.path, searchPath: searchPath))
    }

    @Test func theCommandRunsInTheNodesFolderWithThePodNamed() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let result = try executor.exec(
            pod: "web", container: "agent", argv: ["sh", "-c", "pwd; echo \"$AGENTPLANE_POD $AGENTPLANE_CONTAINER\""],
            deadline: .now + .seconds(10))
        let folder = URL(fileURLWithPath: state.path + "/node").resolvingSymlinksInPath().path
        #expect(result.status == 0)
        #expect(result.stdoutText == "\(folder)\nweb agent\n")
    }

    @Test func aRelativeProgramIsFoundInTheNodesFolder() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let script = try state.write("node/check.sh", "#!/bin/sh\necho checked \"$@\"\nexit 2\n")
        #expect(chmod(script, 0o755) == 0)
        let result = try executor.exec(pod: "web", container: nil, argv: ["./check.sh", "a b"], deadline: .now + .seconds(10))
        #expect(result.status == 2, "a non-zero exit is a result, not an error")
        #expect(result.stdoutText == "checked a b\n")
    }

    @Test func aMissingProgramIsAnError() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state, searchPath: [state.path + "/bin"])
        let error = try #require(throws: ExecutorError.self) {
            try executor.exec(pod: "web", container: nil, argv: ["no-such-check"], deadline: .now + .seconds(5))
        }
        #expect(!error.isRetryable)
        #expect(error.description.hasPrefix("no-such-check not found on PATH"))
        #expect(throws: ExecutorError.self) { try executor.exec(pod: "web", container: nil, argv: [], deadline: .now + .seconds(5)) }
    }

    @Test func aNodeFolderThatDoesNotExistIsNamed() throws {
        let state = try TemporaryFolder()
        let executor = Executors.make(for: Self.node, environment: ExecutorEnvironment(stateDirectory: state.path))
        let error = try #require(throws: ExecutorError.self) {
            try executor.exec(pod: "web", container: nil, argv: ["true"], deadline: .now + .seconds(5))
        }
        #expect(error.description == state.path + "/node: the node's folder does not exist, so no check can run in it")
    }

    @Test func aCheckThatOutlivesItsTimeoutIsStopped() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let started = ContinuousClock.now
        let error = try #require(throws: ExecutorError.self) {
            try executor.exec(pod: "web", container: nil, argv: ["sleep", "30"], deadline: .now + .seconds(1))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error.description.contains("/sleep 30 did not finish within"), "\(error)")
        #expect(error.isRetryable)
    }

    @Test func settlingADirectoryNodeDoesNothing() throws {
        let state = try TemporaryFolder()
        let executor = try Self.executor(state)
        let change = Change(
            action: .delete, path: "web.pod", kind: .quadletPod, pod: nil, bundle: nil, reason: "no longer desired",
            beforeDigest: nil, afterDigest: nil, before: nil, after: nil, timeoutSeconds: 5)
        try executor.settle([change], deadline: .now + .seconds(5))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path + "/node") == [".keep"])
    }
}
