import Foundation
import Testing

/// deploy/systemd: the units pass `systemd-analyze verify`, keep their hardening, and carry the
/// settings the loop relies on.
@Suite struct SystemdUnitTests {
    static let services = ["agentplane.service", "agentplane-reconcile.service"]

    static func unit(_ name: String) throws -> UnitFile {
        UnitFile(try DeployPaths.text(DeployPaths.systemd.appendingPathComponent(name)))
    }

    @Test func theShippedUnitsAreTheThreeExpected() throws {
        let names = try SystemdVerifier.shippedUnits().map(\.name)
        #expect(names == ["agentplane-reconcile.service", "agentplane.service", "agentplane-reconcile.timer"])
    }

    @Test func everyUnitPassesSystemdAnalyzeVerify() throws {
        let units = try SystemdVerifier.shippedUnits()
        for unit in units where unit.name.hasSuffix(".service") {
            #expect(
                unit.text.contains("ExecStart=" + SystemdVerifier.program + " reconcile "),
                "\(unit.name) must start \(SystemdVerifier.program) reconcile (the scratch copy rewrites exactly that)")
        }
        let result = try SystemdVerifier.verify(units)
        #expect(result.status == 0, "systemd-analyze verify failed:\n\(result.transcript)")
        #expect(result.stderr.isEmpty, "systemd-analyze verify warned:\n\(result.transcript)")
    }

    /// The check above can fail: a misspelt key, a bad value or a missing program is reported.
    @Test(arguments: [
        ("ProtectSystem=strict", "ProtectSytem=strict", "Unknown key 'ProtectSytem'"),
        ("RestartSec=30s", "RestartSec=thirty", "Failed to parse"),
        ("KillMode=mixed", "KillMode=gentle", "Failed to parse"),
    ])
    func verifyReportsABrokenCopy(find: String, replace: String, message: String) throws {
        var units = try SystemdVerifier.shippedUnits()
        let index = try #require(units.firstIndex { $0.name == "agentplane.service" })
        let broken = units[index].text.replacingOccurrences(of: "\n" + find + "\n", with: "\n" + replace + "\n")
        #expect(broken != units[index].text, "the broken copy must differ")
        units[index].text = broken
        let result = try SystemdVerifier.verify(units)
        #expect(result.status != 0 || !result.stderr.isEmpty, "a broken unit passed:\n\(result.transcript)")
        #expect(result.stderr.contains(message), "\(result.transcript)")
    }

    @Test func verifyReportsAMissingProgram() throws {
        let unit = try SystemdVerifier.shippedUnits().filter { $0.name == "agentplane.service" }
        let missing = unit.map { ($0.name, $0.text.replacingOccurrences(of: "ExecStart=" + SystemdVerifier.program, with: "ExecStart=/nonexistent/agentplane")) }
        let result = try SystemdVerifier.verify(missing)
        #expect(result.status != 0, "\(result.transcript)")
        #expect(result.stderr.contains("/nonexistent/agentplane"), "\(result.transcript)")
    }

    /// `systemd-analyze security` scores the sandbox from 0 (locked down) to 10 (none). The
    /// shipped hardening scores 1.4; dropping any group of lines (namespaces, system calls,
    /// ProtectSystem/ProtectHome) pushes it past 2.0.
    @Test(arguments: services)
    func hardeningKeepsTheExposureLevelAtMostTwo(name: String) throws {
        let unit = try SystemdVerifier.shippedUnits().first { $0.name == name }
        let (level, table) = try SystemdVerifier.exposure(of: try #require(unit))
        #expect(level <= 2.0, "\(name) exposure \(level) > 2.0:\n\(table)")
    }

    @Test func removingTheNamespaceAndSyscallLinesRaisesTheExposure() throws {
        let unit = try #require(try SystemdVerifier.shippedUnits().first { $0.name == "agentplane.service" })
        let weakened = unit.text.components(separatedBy: "\n")
            .filter { !$0.hasPrefix("RestrictNamespaces=") && !$0.hasPrefix("SystemCallFilter=") }
            .joined(separator: "\n")
        let (level, table) = try SystemdVerifier.exposure(of: (unit.name, weakened))
        #expect(level > 2.0, "the weakened copy still scores \(level):\n\(table)")
    }

    @Test(arguments: services)
    func bothServicesCarryTheHardeningLines(name: String) throws {
        let unit = try Self.unit(name)
        let expected: [(String, String)] = [
            ("User", "agentplane"), ("Group", "agentplane"),
            ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
            ("ReadWritePaths", "/var/lib/agentplane -/etc/containers/systemd/agentplane"),
            ("StateDirectory", "agentplane agentplane/metrics"),
            ("EnvironmentFile", "/etc/agentplane/agentplane.env"),
            ("KillSignal", "SIGTERM"), ("KillMode", "mixed"), ("TimeoutStopSec", "10min"),
        ]
        for (key, value) in expected {
            #expect(unit.value(key, in: "Service") == value, "\(name): [Service] \(key)")
        }
    }

    @Test func theLoopIsALongRunningServiceThatRestartsOnFailure() throws {
        let unit = try Self.unit("agentplane.service")
        #expect(unit.value("Type", in: "Service") == "simple")
        #expect(unit.value("Restart", in: "Service") == "on-failure")
        #expect(unit.value("RestartSec", in: "Service") == "30s")
        #expect(unit.value("WantedBy", in: "Install") == "multi-user.target")
        let exec = try #require(unit.value("ExecStart", in: "Service"))
        #expect(
            exec == SystemdVerifier.program + " reconcile --watch --interval ${AGENTPLANE_INTERVAL} --repo ${AGENTPLANE_REPO}"
                + " --state-dir /var/lib/agentplane --metrics-file /var/lib/agentplane/metrics/agentplane.prom $AGENTPLANE_ARGS")
    }

    @Test func theTimerStartsTheOneShotServiceEveryMinute() throws {
        let service = try Self.unit("agentplane-reconcile.service")
        #expect(service.value("Type", in: "Service") == "oneshot")
        let exec = try #require(service.value("ExecStart", in: "Service"))
        #expect(!exec.contains("--watch"), "the timer variant runs one reconcile per tick")
        #expect(service.values("WantedBy", in: "Install").isEmpty, "enable the timer, not the service")
        let timer = try Self.unit("agentplane-reconcile.timer")
        #expect(timer.value("Unit", in: "Timer") == "agentplane-reconcile.service")
        #expect(timer.value("OnUnitActiveSec", in: "Timer") == "1min")
        #expect(timer.value("RandomizedDelaySec", in: "Timer") == "15s")
        #expect(timer.value("OnActiveSec", in: "Timer") != nil, "without a first trigger OnUnitActiveSec never fires")
        #expect(timer.value("WantedBy", in: "Install") == "timers.target")
    }

    @Test func theLoopAndTheTimerVariantExcludeEachOther() throws {
        let loop = try Self.unit("agentplane.service")
        #expect(loop.value("Conflicts", in: "Unit") == "agentplane-reconcile.service agentplane-reconcile.timer")
        #expect(try Self.unit("agentplane-reconcile.timer").value("Conflicts", in: "Unit") == "agentplane.service")
    }

    /// Every variable a command line uses is given a value by the unit or by the example file.
    @Test(arguments: services)
    func everyVariableOfExecStartIsDefined(name: String) throws {
        let unit = try Self.unit(name)
        let exec = try #require(unit.value("ExecStart", in: "Service"))
        var defined = Set(try EnvironmentExample.settings().keys)
        for assignment in unit.values("Environment", in: "Service") {
            defined.insert(String(assignment.prefix { $0 != "=" }))
        }
        let used = EnvironmentExample.variables(in: exec)
        #expect(!used.isEmpty)
        #expect(used.subtracting(defined).isEmpty, "\(name) uses undefined \(used.subtracting(defined).sorted())")
    }

    @Test func sysusersCreatesTheDedicatedSystemUser() throws {
        let tool = try DeployCommand.require("systemd-sysusers", hint: "Debian package `systemd`")
        let root = try DeployPaths.temporaryFolder("sysusers")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
        let conf = DeployPaths.systemd.appendingPathComponent("agentplane.sysusers.conf").path
        let result = try DeployCommand.run(tool, ["--root=" + root.path, conf])
        #expect(result.status == 0, "\(result.transcript)")
        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let fields = try #require(passwd.components(separatedBy: "\n").first { $0.hasPrefix("agentplane:") })
            .components(separatedBy: ":")
        #expect(fields.count == 7)
        #expect(fields[5] == "/var/lib/agentplane")
        #expect(fields[6] == "/usr/sbin/nologin")
        let uid = try #require(Int(fields[2]))
        #expect(uid > 0 && uid < 1000, "a system user (uid \(uid))")
        let group = try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8)
        #expect(group.components(separatedBy: "\n").contains { $0.hasPrefix("agentplane:x:\(fields[3]):") })
    }
}
