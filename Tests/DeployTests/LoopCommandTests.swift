import Foundation
import Testing

/// The command lines the deploy files start are ones the real `agentplane` accepts, and the
/// loop of agentplane.service runs and stops on SIGTERM with exit 0, as the units rely on.
@Suite struct LoopCommandTests {
    /// Every `agentplane reconcile` command line shipped in deploy/, by where it comes from.
    static func shippedCommandLines() throws -> [(String, String)] {
        var lines: [(String, String)] = []
        for name in ["agentplane.service", "agentplane-reconcile.service"] {
            let unit = UnitFile(try DeployPaths.text(DeployPaths.systemd.appendingPathComponent(name)))
            lines.append((name, unit.value("ExecStart", in: "Service") ?? ""))
        }
        let container = UnitFile(try DeployPaths.text(DeployPaths.quadlet.appendingPathComponent("agentplane.container")))
        lines.append(("agentplane.container", container.value("Exec", in: "Container") ?? ""))
        let deployment = try KubernetesBuild.objects(
            try DeployPaths.text(DeployPaths.kubernetes.appendingPathComponent("deployment.yaml")))
        let spec = (deployment.first?.value["spec"] as? [String: Any])?["template"] as? [String: Any]
        let containers = (spec?["spec"] as? [String: Any])?["containers"] as? [[String: Any]]
        lines.append(("deployment.yaml", (containers?.first?["args"] as? [String] ?? []).joined(separator: " ")))
        lines.append(("agentplane.env.example", try EnvironmentExample.settings()["AGENTPLANE_ARGS"] ?? ""))
        return lines
    }

    @Test func everyOptionTheDeployFilesPassIsOneTheCLIKnows() throws {
        let known = try AgentplaneBinary.reconcileOptions()
        #expect(known.isSuperset(of: ["repo", "watch", "interval", "state-dir", "metrics-file"]), "\(known.sorted())")
        for (source, line) in try Self.shippedCommandLines() {
            #expect(line.contains("reconcile") || source == "agentplane.env.example", "\(source): \(line)")
            let unknown = Set(CommandLineFlags.longOptions(in: line)).subtracting(known)
            #expect(unknown.isEmpty, "\(source) passes options agentplane reconcile does not know: \(unknown.sorted())")
        }
    }

    /// agentplane.service's ExecStart, run for real: variables as systemd would fill them (the
    /// repository is a scratch clone of this one, never this checkout, since a run commits
    /// promotion branches into it; the state dir a scratch folder; one directory node), then
    /// SIGTERM as `systemctl stop` sends it.
    @Test func theServiceLoopWritesMetricsAndExitsZeroOnSIGTERM() throws {
        let binary = try AgentplaneBinary.path()
        let git = try DeployCommand.require("git", hint: "Debian package `git`")
        let scratch = try DeployPaths.temporaryFolder("loop")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = scratch.appendingPathComponent("repo").path
        let state = scratch.appendingPathComponent("state").path
        let source = DeployPaths.deploy.resolvingSymlinksInPath().deletingLastPathComponent().path
        let clone = try DeployCommand.run(git, ["clone", "--quiet", source, repo])
        #expect(clone.status == 0, "\(clone.transcript)")

        let unit = UnitFile(try DeployPaths.text(DeployPaths.systemd.appendingPathComponent("agentplane.service")))
        let exec = try #require(unit.value("ExecStart", in: "Service"))
        let filled = exec
            .replacingOccurrences(of: "${AGENTPLANE_INTERVAL}", with: "1s")
            .replacingOccurrences(of: "${AGENTPLANE_REPO}", with: repo)
            .replacingOccurrences(of: "$AGENTPLANE_ARGS", with: "--node dev-1")
            .replacingOccurrences(of: "/var/lib/agentplane", with: state)
        var words = filled.split(separator: " ").map(String.init)
        #expect(words.first == SystemdVerifier.program)
        words.removeFirst()
        #expect(!filled.contains("$"), "every variable filled: \(filled)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = words
        let log = scratch.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        let metrics = state + "/metrics/agentplane.prom"
        let deadline = Date().addingTimeInterval(90)
        var text = ""
        while Date() < deadline, process.isRunning {
            text = (try? String(contentsOfFile: metrics, encoding: .utf8)) ?? ""
            if text.contains("agentplane_reconciles_total") { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let running = process.isRunning
        process.terminate()  // SIGTERM
        if finished.wait(timeout: .now() + 60) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            Issue.record("the loop did not exit within 60 s of SIGTERM")
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(running, "the loop exited by itself:\n\(output)")
        #expect(text.contains("agentplane_reconciles_total"), "no metrics at \(metrics):\n\(output)")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "exit \(process.terminationStatus):\n\(output)")
        #expect(FileManager.default.fileExists(atPath: state + "/state.db"))
    }
}
