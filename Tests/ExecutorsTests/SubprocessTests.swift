import Foundation
import Testing

@testable import Executors

/// The subprocess runner: exit statuses, output of any size, stdin, timeouts and clean children.
struct SubprocessTests {
    static func shell(_ script: String, stdin: [UInt8] = [], timeout: Double = 30, limit: Int = 1 << 20, grace: Double = 2)
        -> Subprocess
    {
        Subprocess(
            argv: ["/bin/sh", "-c", script], environment: ["PATH": "/usr/bin:/bin"], stdin: stdin, timeoutSeconds: timeout,
            outputLimit: limit, terminationGrace: grace)
    }

    @Test func exitStatusAndBothStreamsAreReported() throws {
        let result = try Self.shell("echo out; echo err >&2; exit 3").run()
        #expect(result.status == 3)
        #expect(result.signal == nil)
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
        #expect(!result.succeeded)
    }

    @Test func checkedRunThrowsWithStatusAndStderr() throws {
        let error = try #require(throws: ExecutorError.self) {
            try Self.shell("echo 'Error: no such pod' >&2; exit 125").runChecked()
        }
        #expect(error.description == "/bin/sh -c 'echo '\\''Error: no such pod'\\'' >&2; exit 125' exited with status 125: Error: no such pod")
        guard case .commandFailed(_, let status, _, let stderr) = error.reason else {
            Issue.record("expected commandFailed, got \(error)")
            return
        }
        #expect(status == 125)
        #expect(stderr == "Error: no such pod")
    }

    @Test func aSignalledChildIsReportedAsSuch() throws {
        let result = try Self.shell("kill -9 $$").run()
        #expect(result.signal == 9)
        #expect(!result.succeeded)
    }

    @Test func largeOutputOnBothStreamsIsReadWithoutDeadlock() throws {
        // 40 MB on stdout and 8 MB on stderr, interleaved: a runner reading one pipe at a time
        // would block on the other's full buffer.
        let script = "head -c 40000000 /dev/zero & head -c 8000000 /dev/zero >&2; wait"
        let result = try Self.shell(script, limit: 64 << 20).run()
        #expect(result.status == 0)
        #expect(result.stdout.count == 40_000_000)
        #expect(result.stderr.count == 8_000_000)
    }

    @Test func stdinIsFedWhileOutputIsDrained() throws {
        // cat echoes as it reads: 8 MiB in and out at once needs both directions to move.
        let input = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let result = try Self.shell("cat", stdin: input, limit: 16 << 20).runChecked()
        #expect(result.stdout == input)
    }

    @Test func aChildThatClosesStdinDoesNotKillTheRunner() throws {
        let input = [UInt8](repeating: 65, count: 4 << 20)
        let result = try Self.shell("exec 0<&-; echo done", stdin: input).runChecked()
        #expect(result.stdoutText == "done\n")
    }

    @Test func outputOverTheLimitStopsTheChild() throws {
        let started = ContinuousClock.now
        let error = try #require(throws: ExecutorError.self) {
            try Self.shell("cat /dev/zero", limit: 1 << 20).run()
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        guard case .outputTooLarge(_, let stream, let limit) = error.reason else {
            Issue.record("expected outputTooLarge, got \(error)")
            return
        }
        #expect(stream == "stdout")
        #expect(limit == 1 << 20)
        #expect(!error.isRetryable)
    }

    @Test func timeoutKillsTheChildWithinTheTimeout() throws {
        let started = ContinuousClock.now
        let error = try #require(throws: ExecutorError.self) {
            try Subprocess(argv: ["/bin/sleep", "30"], timeoutSeconds: 1).run()
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .seconds(1))
        #expect(elapsed < .seconds(3), "sleep 30 should die on SIGTERM right after the 1 s timeout, took \(elapsed)")
        #expect(error.description == "/bin/sleep 30 did not finish within 1 s and was killed")
        #expect(error.isRetryable)
    }

    @Test func timeoutKillsTheWholeProcessGroupEvenIfItIgnoresSigterm() throws {
        let scratch = try TemporaryFolder()
        let pidFile = scratch.url.appendingPathComponent("background.pid").path
        // The shell and its background sleep both ignore SIGTERM: only SIGKILL to the group stops them.
        let script = "trap '' TERM; sleep 30 & echo $! > '\(pidFile)'; sleep 30; wait"
        let started = ContinuousClock.now
        #expect(throws: ExecutorError.self) { try Self.shell(script, timeout: 1, grace: 0.5).run() }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(4), "took \(elapsed)")
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let background = try #require(Int32(text))
        // Give the kernel a moment to reap the orphan (init adopts it).
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(background, 0) == 0 && !Self.isZombie(background)
            if alive { usleep(20_000) }
        }
        #expect(!alive, "the background sleep \(background) outlived the timeout")
    }

    @Test func onlyTheStandardDescriptorsAreInherited() throws {
        let result = try Self.shell("ls /proc/$$/fd").runChecked()
        let descriptors = result.stdoutText.split(separator: "\n").compactMap { Int($0) }
        // The shell's own descriptors (`$$`), listed by its child `ls`: only stdin, stdout, stderr.
        #expect(descriptors.sorted() == [0, 1, 2])
    }

    @Test func theChildGetsExactlyTheGivenEnvironment() throws {
        let subprocess = Subprocess(argv: ["/usr/bin/env"], environment: ["CONTAINERS_CONF": "/tmp/c.conf", "A": "1"])
        let result = try subprocess.runChecked()
        #expect(result.stdoutText.split(separator: "\n").sorted() == ["A=1", "CONTAINERS_CONF=/tmp/c.conf"])
    }

    @Test func environmentSubprocessesAddExtraVariables() throws {
        let environment = ExecutorEnvironment(
            stateDirectory: "/tmp", searchPath: ["/usr/bin", "/bin"], extraEnvironment: ["CONTAINERS_CONF": "/x.conf"])
        let result = try environment.subprocess("env", []).runChecked()
        #expect(result.stdoutText.split(separator: "\n").contains("CONTAINERS_CONF=/x.conf"))
    }

    @Test func aProgramThatCannotStartIsALaunchFailure() throws {
        let error = try #require(throws: ExecutorError.self) {
            try Subprocess(argv: ["/nonexistent/podman", "ps"]).run()
        }
        #expect(error.description == "cannot run /nonexistent/podman ps: No such file or directory")
    }

    @Test func anyTimeoutValueIsSafe() throws {
        for seconds in [Double.infinity, .nan, -5, 0, 1e300] {
            #expect(SubprocessSession.duration(seconds: seconds) >= .zero)
        }
        #expect(SubprocessSession.duration(seconds: .infinity) == .seconds(1_000_000_000))
        let quick = try Subprocess(argv: ["/bin/true"], timeoutSeconds: .infinity).run()
        #expect(quick.succeeded)
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }
}
