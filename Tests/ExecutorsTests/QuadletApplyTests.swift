import Foundation
import Planning
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The quadlet executor applies a node's plan: unit files written and deleted like a directory
/// node's, services reloaded, started, restarted and stopped through the node's systemctl
/// command (here a fake that records every argv and behaves like systemd: a service is
/// `not-found` until a daemon-reload has happened).
struct QuadletApplyTests {
    /// A fake systemd: `daemon-reload` marks units loaded; `show` answers `not-found` before the
    /// first reload and `active (running)` after; `stop` records the unit dir's listing at that
    /// moment (to prove the unit file was still there); a `fail-<verb>` file makes that verb fail
    /// with its text on stderr (and the status in `fail-<verb>-status`).
    static func body(_ folder: TemporaryFolder) -> String {
        """
        state='\(folder.path)'
        verb=''
        for word in "$@"; do case "$word" in --*) ;; *) verb="$word"; break ;; esac; done
        if [ -f "$state/fail-$verb" ]; then cat "$state/fail-$verb" >&2; exit "$(cat "$state/fail-$verb-status" 2>/dev/null || echo 1)"; fi
        case "$verb" in
          daemon-reload) touch "$state/reloaded" ;;
          stop) ls "$state/units" | tr '\\n' ' ' >> "$state/stop-saw"; echo >> "$state/stop-saw" ;;
          show)
            first=1
            for unit in "$@"; do
              case "$unit" in *.service) ;; *) continue ;; esac
              [ "$first" = 1 ] || echo
              first=0
              if [ -f "$state/reloaded" ]; then
                printf 'Id=%s\\nLoadState=loaded\\nActiveState=active\\nSubState=running\\n' "$unit"
              else
                printf 'Id=%s\\nLoadState=not-found\\nActiveState=inactive\\nSubState=dead\\n' "$unit"
              fi
            done ;;
        esac
        """
    }

    struct Setup {
        let folder: TemporaryFolder
        let systemctl: FakeProgram
        let podman: FakeProgram
        let node: Fleet.Node
        let executor: any Executor

        var units: String { folder.path + "/units" }

        /// The systemctl argvs since the last `forget()`, observe's `show` calls left out.
        func actions() throws -> [[String]] {
            try systemctl.calls().filter { !$0.contains("show") }
        }

        /// Plans `desired` against a fresh observation and applies every change, then settles.
        @discardableResult
        func reconcile(_ desired: [RenderedObject], settle: Bool = true) throws -> NodePlan {
            let wanted = desired.map { DesiredObject(object: $0, bundleRank: 0, timeoutSeconds: 60) }
            let plan = Planner.plan(node: node, revision: "r1", desired: wanted, observed: try executor.observe())
            for change in plan.changes {
                try executor.apply(change, deadline: .now + .seconds(change.timeoutSeconds))
            }
            if settle { try executor.settle(plan.changes, deadline: .now + .seconds(60)) }
            return plan
        }

        func forget() throws {
            try? FileManager.default.removeItem(atPath: systemctl.log)
            try? FileManager.default.removeItem(atPath: folder.path + "/stop-saw")
        }

        func fail(_ verb: String, stderr: String, status: Int32 = 1) throws {
            try folder.write("fail-\(verb)", stderr + "\n")
            try folder.write("fail-\(verb)-status", "\(status)\n")
        }

        func stopSaw() throws -> [String] {
            let path = folder.path + "/stop-saw"
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// An empty unit dir but for a hand-written unit, a user-scope node, fake systemctl and podman.
    static func setup(scope: Fleet.Scope = .user) throws -> Setup {
        let folder = try TemporaryFolder()
        let systemctl = try FakeProgram("systemctl", in: folder, body: body(folder))
        let podman = try FakeProgram("podman", in: folder, body: "echo ok; echo from-stderr >&2; exit 3")
        try folder.write("units/hand.container", "[Container]\nImage=docker.io/library/nginx:1\n")
        let node = ExecutorFixtures.node(
            "laptop", .quadlet(unitDir: folder.path + "/units", scope: scope, systemctl: ["systemctl"]))
        let environment = ExecutorEnvironment(
            stateDirectory: folder.path, programs: ["systemctl": systemctl.path, "podman": podman.path])
        return Setup(
            folder: folder, systemctl: systemctl, podman: podman, node: node,
            executor: Executors.make(for: node, environment: environment))
    }

    /// Web's units: network, volume, pod, two containers.
    static func web(_ node: Fleet.Node, logLevel: String = "info") throws -> [RenderedObject] {
        let volume = AgentPod.Volume(name: "cache", tier: .nvme, size: Quantity("1Gi"), mountPath: "/cache")
        var pod = ExecutorFixtures.pod("web", volumes: [volume], containers: ["agent", "tools"])
        pod.spec.containers[0].env = [AgentPod.EnvVar(name: "LOG_LEVEL", source: .value(logLevel))]
        return try QuadletRenderer().render(ExecutorFixtures.placement(pod, on: node, mode: .allowlist))
    }

    static let webServices = [
        "web-network.service", "web-cache-volume.service", "web-pod.service", "web-agent.service", "web-tools.service",
    ]

    @Test func createsAreWrittenThenReloadedOnceAndStartedTogether() throws {
        let setup = try Self.setup()
        let units = try Self.web(setup.node)
        let plan = try setup.reconcile(units)

        #expect(plan.changes.map(\.path) == ["web.network", "web-cache.volume", "web.pod", "web-agent.container", "web-tools.container"])
        for unit in units {
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: setup.units + "/" + unit.path))) == unit.bytes)
        }
        #expect(try setup.actions() == [["--user", "daemon-reload"], ["--user", "start"] + Self.webServices])
        #expect(try setup.executor.observe().objects.allSatisfy { $0.state == "active (running)" && !$0.drifted })
        try setup.forget()
        #expect(try setup.reconcile(units).changes.isEmpty, "in sync: nothing to apply")
        #expect(try setup.actions().isEmpty, "an empty settle calls nothing")
    }

    @Test func anUpdatedUnitIsRewrittenAndOnlyItsServiceRestarted() throws {
        let setup = try Self.setup()
        try setup.reconcile(try Self.web(setup.node))
        try setup.forget()

        let plan = try setup.reconcile(try Self.web(setup.node, logLevel: "debug"))
        #expect(plan.changes.map(\.path) == ["web-agent.container"])
        #expect(plan.changes.map(\.action) == [.update])
        #expect(try String(contentsOfFile: setup.units + "/web-agent.container", encoding: .utf8).contains("LOG_LEVEL=debug"))
        #expect(try setup.actions() == [["--user", "daemon-reload"], ["--user", "restart", "web-agent.service"]])
    }

    @Test func aDeletedUnitsServiceIsStoppedWhileItsFileIsStillThere() throws {
        let setup = try Self.setup()
        try setup.reconcile(try Self.web(setup.node))
        try setup.forget()

        let plan = try setup.reconcile([])
        #expect(plan.changes.allSatisfy { $0.action == .delete })
        let stops = plan.changes.compactMap { QuadletServiceName.service(forFile: $0.path) }.map { ["--user", "stop", $0] }
        #expect(stops.count == 5)
        #expect(try setup.actions() == stops + [["--user", "daemon-reload"]])
        // Each stop saw its own unit file (and the ones not deleted yet) still in the unit dir.
        let saw = try setup.stopSaw()
        #expect(saw.count == 5)
        for (index, change) in plan.changes.enumerated() where index < saw.count {
            #expect(saw[index].split(separator: " ").contains { $0 == change.path }, "\(saw[index])")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.units) == ["hand.container"], "foreign units survive")
    }

    @Test func deletingWhatIsAlreadyGoneStopsNothingAndSucceeds() throws {
        let setup = try Self.setup()
        let pod = try #require(try Self.web(setup.node).first { $0.path == "web.pod" })
        let delete = Change(
            action: .delete, path: "web.pod", kind: .quadletPod, pod: nil, bundle: nil, reason: "no longer desired",
            beforeDigest: pod.labels[OwnershipLabel.digest], afterDigest: nil, before: nil, after: nil, timeoutSeconds: 5)
        try setup.executor.apply(delete, deadline: .now + .seconds(5))
        #expect(try setup.actions().isEmpty)
    }

    @Test func aServiceSystemdDoesNotKnowCountsAsStopped() throws {
        let setup = try Self.setup()
        try setup.reconcile(try Self.web(setup.node))
        try setup.fail("stop", stderr: "Failed to stop web-pod.service: Unit web-pod.service not loaded.", status: 5)
        try setup.reconcile(try Self.web(setup.node).filter { $0.path != "web.pod" })
        #expect(!FileManager.default.fileExists(atPath: setup.units + "/web.pod"))
    }

    @Test func aStopThatFailsKeepsTheUnitFile() throws {
        let setup = try Self.setup()
        try setup.reconcile(try Self.web(setup.node))
        try setup.fail("stop", stderr: "Failed to stop web-pod.service: Access denied")
        let error = try #require(throws: ExecutorError.self) {
            try setup.reconcile(try Self.web(setup.node).filter { $0.path != "web.pod" })
        }
        #expect(error.description.hasSuffix("--user stop web-pod.service exited with status 1: Failed to stop web-pod.service: Access denied"))
        #expect(!error.isRetryable)
        #expect(FileManager.default.fileExists(atPath: setup.units + "/web.pod"))
    }

    @Test func foreignUnitFilesAreNeverOverwrittenAndNothingIsStarted() throws {
        let setup = try Self.setup()
        let foreign = "[Pod]\nPodName=mine\n"
        try setup.folder.write("units/web.pod", foreign)
        let error = try #require(throws: ExecutorError.self) { try setup.reconcile(try Self.web(setup.node)) }
        #expect(error.description == setup.units + "/web.pod: exists and is not managed by agentplane; move it away to let agentplane write here")
        #expect(try String(contentsOfFile: setup.units + "/web.pod", encoding: .utf8) == foreign)
        #expect(try String(contentsOfFile: setup.units + "/hand.container", encoding: .utf8).hasPrefix("[Container]"))
        #expect(try setup.actions().isEmpty)
    }

    @Test func unitsAreWrittenFlatAndOnlyUnits() throws {
        let setup = try Self.setup()
        let unit = try #require(try Self.web(setup.node).first)
        for path in ["sub/web.pod", "web.yaml"] {
            let change = Change(
                action: .create, path: path, kind: unit.kind, pod: "web", bundle: "b", reason: "new", beforeDigest: nil,
                afterDigest: nil, before: nil, after: unit.bytes, timeoutSeconds: 5)
            #expect(throws: ExecutorError.self) { try setup.executor.apply(change, deadline: .now + .seconds(5)) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.units) == ["hand.container"])
    }

    /// A crash after the unit files were written but before settle (daemon-reload, start): the
    /// next run sees units systemd does not know, plans them as drift, rewrites nothing and
    /// reloads and restarts them.
    @Test func unitsWrittenButNeverLoadedConvergeOnTheNextRun() throws {
        let setup = try Self.setup()
        let units = try Self.web(setup.node)
        try setup.reconcile(units, settle: false)
        #expect(try setup.actions().isEmpty)
        let inode = try FileManager.default.attributesOfItem(atPath: setup.units + "/web.pod")[.systemFileNumber] as? Int

        let observed = try setup.executor.observe()
        #expect(observed.objects.filter { $0.path != "hand.container" }.allSatisfy { $0.state == "not-found" && $0.drifted })
        let rerun = try setup.reconcile(units)
        #expect(rerun.changes.map(\.reason) == Array(repeating: "drift", count: 5))
        #expect(try setup.actions() == [["--user", "daemon-reload"], ["--user", "restart"] + Self.webServices])
        #expect(try FileManager.default.attributesOfItem(atPath: setup.units + "/web.pod")[.systemFileNumber] as? Int == inode)
        #expect(try setup.reconcile(units).changes.isEmpty)
    }

    @Test func systemScopeHasNoUserFlag() throws {
        let setup = try Self.setup(scope: .system)
        try setup.reconcile(try Self.web(setup.node))
        #expect(try setup.actions() == [["daemon-reload"], ["start"] + Self.webServices])
    }

    @Test func aBusThatRefusesTheReloadIsRetryable() throws {
        let setup = try Self.setup()
        try setup.fail("daemon-reload", stderr: "Failed to connect to bus: Connection refused")
        let error = try #require(throws: ExecutorError.self) { try setup.reconcile(try Self.web(setup.node)) }
        #expect(error.isRetryable)
        #expect(try setup.actions() == [["--user", "daemon-reload"]], "nothing is started after a failed reload")
    }

    @Test func aStartThatFailsIsReportedWithSystemctlsMessage() throws {
        let setup = try Self.setup()
        try setup.fail("start", stderr: "Job for web-pod.service failed because the control process exited with error code.")
        let error = try #require(throws: ExecutorError.self) { try setup.reconcile(try Self.web(setup.node)) }
        #expect(error.description.hasSuffix("exited with status 1: Job for web-pod.service failed because the control process exited with error code."))
        #expect(!error.isRetryable)
    }

    @Test func aPassedDeadlineTouchesNothing() throws {
        let setup = try Self.setup()
        let units = try Self.web(setup.node)
        let plan = Planner.plan(
            node: setup.node, revision: "r", desired: units.map { DesiredObject(object: $0, bundleRank: 0, timeoutSeconds: 5) },
            observed: try setup.executor.observe())
        let change = try #require(plan.changes.first)
        let error = try #require(throws: ExecutorError.self) { try setup.executor.apply(change, deadline: .now - .seconds(1)) }
        #expect(error.isRetryable)
        #expect(throws: ExecutorError.self) { try setup.executor.settle(plan.changes, deadline: .now - .seconds(1)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.units) == ["hand.container"])
        #expect(try setup.actions().isEmpty)
    }

    @Test func smokeChecksRunInTheQuadletContainerThroughPodman() throws {
        let setup = try Self.setup()
        try setup.reconcile(try Self.web(setup.node))
        let named = try setup.executor.exec(pod: "web", container: "tools", argv: ["sh", "-c", "echo ok"], deadline: .now + .seconds(10))
        let first = try setup.executor.exec(pod: "web", container: nil, argv: ["true"], deadline: .now + .seconds(10))
        #expect(try setup.podman.calls() == [["exec", "web-tools", "sh", "-c", "echo ok"], ["exec", "web-agent", "true"]])
        #expect(named.status == 3, "a non-zero exit is a result")
        #expect(named.stdoutText == "ok\n")
        #expect(named.stderrText == "from-stderr\n")
        #expect(first.status == 3)

        let error = try #require(throws: ExecutorError.self) {
            try setup.executor.exec(pod: "api", container: nil, argv: ["true"], deadline: .now + .seconds(10))
        }
        #expect(error.description.hasSuffix("no container unit of pod api managed by agentplane is here"))
    }
}
