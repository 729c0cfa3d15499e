import Foundation
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The quadlet executor reads our unit files and asks systemd (through the node's systemctl
/// command) for the state of the services Quadlet generates from them.
struct QuadletObserveTests {
    /// A fake systemctl answering `show` from the recorded blocks of `Fixtures/systemctl/show-web.txt`.
    static let showBody = """
        fixture='\(ExecutorFixtures.fixtures.appendingPathComponent("systemctl/show-web.txt").path)'
        first=1
        for unit in "$@"; do
          case "$unit" in *.service) ;; *) continue ;; esac
          [ "$first" = 1 ] || echo
          first=0
          if ! awk -v id="Id=$unit" 'BEGIN { RS = ""; found = 0 } $1 == id { print; found = 1 } END { exit !found }' "$fixture"; then
            printf 'Id=%s\\nLoadState=not-found\\nActiveState=inactive\\nSubState=dead\\n' "$unit"
          fi
        done
        """

    struct Setup {
        let folder: TemporaryFolder
        let systemctl: FakeProgram
        let executor: any Executor
        let units: [RenderedObject]
    }

    /// Web's units in `<tmp>/units`, a foreign unit beside them, the fake systemctl configured as
    /// the `systemctl` program, and a user-scope node whose command is `systemctl`.
    static func setup(body: String = showBody, scope: Fleet.Scope = .user, command: [String]? = nil) throws -> Setup {
        let folder = try TemporaryFolder()
        let systemctl = try FakeProgram("systemctl", in: folder, body: body)
        let node = ExecutorFixtures.node(
            "laptop", .quadlet(unitDir: folder.path + "/units", scope: scope, systemctl: command ?? ["systemctl"]))
        let units = try ExecutorFixtures.quadletUnits(on: node)
        for unit in units { try folder.write("units/" + unit.path, unit.bytes) }
        try folder.write("units/hand.container", "[Container]\nImage=docker.io/library/nginx:1\n")
        let environment = ExecutorEnvironment(stateDirectory: folder.path, programs: ["systemctl": systemctl.path])
        return Setup(folder: folder, systemctl: systemctl, executor: Executors.make(for: node, environment: environment), units: units)
    }

    @Test func unitsAndTheirServiceStatesAreObserved() throws {
        let setup = try Self.setup()
        let observation = try setup.executor.observe()

        #expect(observation.objects.map(\.path) == setup.units.map(\.path).sorted())
        let states = Dictionary(uniqueKeysWithValues: observation.objects.map { ($0.path, $0.state) })
        #expect(
            states == [
                "web-agent.container": "active (running)", "web-tools.container": "failed (failed)",
                "web-cache.volume": "active (exited)", "web.network": "active (exited)", "web.pod": "active (running)",
            ])
        for unit in setup.units {
            let observed = try #require(observation.objects.first { $0.path == unit.path })
            #expect(observed.claimedDigest == unit.labels[OwnershipLabel.digest])
            #expect(!observed.drifted)
        }
    }

    @Test func systemctlIsAskedOnceAboutOurServicesOnly() throws {
        let setup = try Self.setup()
        _ = try setup.executor.observe()
        #expect(
            try setup.systemctl.calls() == [
                [
                    "--user", "show", "--property=Id,LoadState,ActiveState,SubState", "web-agent.service",
                    "web-cache-volume.service", "web-tools.service", "web-network.service", "web-pod.service",
                ]
            ])
    }

    @Test func theNodesCommandIsUsedAsGivenForSystemScope() throws {
        let folder = try TemporaryFolder()
        let fake = try FakeProgram("remote-systemctl", in: folder, body: Self.showBody)
        let node = ExecutorFixtures.node(
            "gpu-box", .quadlet(unitDir: folder.path + "/units", scope: .system, systemctl: [fake.path, "--host", "gpu 1"]))
        let pod = try #require(try ExecutorFixtures.quadletUnits(on: node).first { $0.path == "web.pod" })
        try folder.write("units/web.pod", pod.bytes)
        let observation = try Executors.make(for: node, environment: ExecutorEnvironment(stateDirectory: "/")).observe()
        #expect(observation.objects.map(\.state) == ["active (running)"])
        #expect(
            try fake.calls() == [["--host", "gpu 1", "show", "--property=Id,LoadState,ActiveState,SubState", "web-pod.service"]])
    }

    @Test func aUnitSystemdDoesNotKnowIsNotFound() throws {
        let setup = try Self.setup()
        let unit = try #require(setup.units.first { $0.path == "web.pod" })
        try setup.folder.write("units/other.pod", unit.bytes)
        let observation = try setup.executor.observe()
        #expect(observation.objects.first { $0.path == "other.pod" }?.state == "not-found")
    }

    @Test func anEmptyUnitDirNeedsNoSystemctl() throws {
        let folder = try TemporaryFolder()
        try folder.write("units/hand.container", "[Container]\nImage=x\n")
        let node = ExecutorFixtures.node("laptop", .quadlet(unitDir: folder.path + "/units", scope: .user, systemctl: ["systemctl"]))
        let environment = ExecutorEnvironment(stateDirectory: folder.path, searchPath: [])
        #expect(try Executors.make(for: node, environment: environment).observe().objects.isEmpty)
    }

    @Test func onlyUnitFilesCountInAUnitDir() throws {
        let setup = try Self.setup()
        let manifest = try #require(
            try ExecutorFixtures.clusterManifests(on: ExecutorFixtures.node("c", .kubernetes(context: nil, namespace: "a")))
                .first)
        try setup.folder.write("units/web.yaml", manifest.bytes)
        let garbled = QuadletFileHeader.managedLine + "\n# agentplane.dev/digest: zz\n[Pod]\n"
        try setup.folder.write("units/garbled.pod", garbled)
        try setup.folder.write("units/sub/web.pod", garbled)
        let objects = try setup.executor.observe().objects
        #expect(!objects.contains { $0.path == "web.yaml" })
        #expect(!objects.contains { $0.path.hasPrefix("sub/") }, "agentplane writes units flat")
        let forged = try #require(objects.first { $0.path == "garbled.pod" })
        #expect(forged.claimedDigest == nil)
        #expect(forged.drifted)
    }

    @Test func systemdThatIsNotRunningIsATerminalError() throws {
        let setup = try Self.setup(
            body: FakeProgram.failing("System has not been booted with systemd as init system (PID 1). Can't operate."))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.description.hasSuffix("exited with status 1: System has not been booted with systemd as init system (PID 1). Can't operate."))
        #expect(error.description.hasPrefix(setup.systemctl.path + " --user show "))
        #expect(!error.isRetryable)
    }

    @Test func aRefusedBusConnectionIsRetryable() throws {
        let setup = try Self.setup(body: FakeProgram.failing("Failed to connect to bus: Connection refused"))
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.isRetryable)
    }

    @Test(arguments: [
        ("garbage", "unexpected output from systemctl: `systemctl show` printed a line without '=': \"garbage\""),
        ("Id=web-agent.service\nActiveState=active", "unexpected output from systemctl: `systemctl show` described 1 units, 5 were asked for"),
    ])
    func outputThatDoesNotMatchTheQuestionIsAnError(output: String, message: String) throws {
        let setup = try Self.setup(body: "printf '%s\\n' '\(output)'")
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.description == message)
        #expect(!error.isRetryable)
    }

    @Test func answersForOtherUnitsAreRejected() throws {
        let setup = try Self.setup(
            body: "for u in \"$@\"; do case \"$u\" in *.service) printf 'Id=x.service\\nLoadState=loaded\\n\\n';; esac; done")
        let error = try #require(throws: ExecutorError.self) { try setup.executor.observe() }
        #expect(error.description.hasSuffix("`systemctl show` answered for x.service where web-agent.service was expected"))
    }

    @Test(arguments: [
        ("web.container", "web.service"), ("web.pod", "web-pod.service"), ("web-cache.volume", "web-cache-volume.service"),
        ("web.network", "web-network.service"),
    ])
    func serviceNamesFollowPodmanSystemdUnit(file: String, service: String) {
        #expect(QuadletServiceName.service(forFile: file) == service)
    }

    @Test func namesSystemdWouldRejectAreNeverAskedAbout() {
        #expect(QuadletServiceName.service(forFile: "my web.container") == nil)
        #expect(QuadletServiceName.service(forFile: "-x.container") == nil)
        #expect(QuadletServiceName.service(forFile: ".container") == nil)
        #expect(QuadletServiceName.service(forFile: "web.kube") == nil)
    }

    @Test func aUnitNamedWithASpaceIsObservedWithoutAState() throws {
        let setup = try Self.setup()
        let unit = try #require(setup.units.first { $0.path == "web.pod" })
        try setup.folder.write("units/my web.pod", unit.bytes)
        let observation = try setup.executor.observe()
        let spaced = try #require(observation.objects.first { $0.path == "my web.pod" })
        #expect(spaced.state == nil)
        #expect(try setup.systemctl.calls().first?.contains { $0.contains(" ") } == false)
    }

    @Test func userScopeAddsUserOnce() {
        #expect(QuadletExecutor.systemctlCommand(["systemctl"], scope: .user) == ["systemctl", "--user"])
        #expect(QuadletExecutor.systemctlCommand(["systemctl", "--user"], scope: .user) == ["systemctl", "--user"])
        #expect(QuadletExecutor.systemctlCommand(["ssh", "gpu-1", "systemctl"], scope: .system) == ["ssh", "gpu-1", "systemctl"])
    }

    @Test func homeIsExpandedInTheUnitDir() throws {
        let folder = try TemporaryFolder()
        let node = ExecutorFixtures.node(
            "laptop", .quadlet(unitDir: "~/.config/containers/systemd", scope: .user, systemctl: ["systemctl"]))
        let environment = ExecutorEnvironment(stateDirectory: "/state", extraEnvironment: ["HOME": folder.path])
        let executor = try #require(Executors.make(for: node, environment: environment) as? QuadletExecutor)
        #expect(executor.unitDirectory == folder.path + "/.config/containers/systemd")
    }
}
