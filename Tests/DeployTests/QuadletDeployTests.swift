import Foundation
import Rendering
import Testing

/// deploy/quadlet: every key is one Podman 5 knows, the generator's own rules hold, and the
/// sections Quadlet hands to systemd pass `systemd-analyze verify`.
@Suite struct QuadletDeployTests {
    static let files = ["agentplane.container", "agentplane-state.volume"]

    static func unit(_ name: String) throws -> UnitFile {
        UnitFile(try DeployPaths.text(DeployPaths.quadlet.appendingPathComponent(name)))
    }

    /// Every key of a Quadlet section that Podman 5.0 would not accept, as "file:line: [Section] Key".
    static func unsupportedKeys(_ unit: UnitFile, file: String) -> [String] {
        unit.entries.compactMap { entry in
            if let allowed = Podman5QuadletKeys.sections[entry.section] {
                return allowed.contains(entry.key) ? nil : "\(file):\(entry.line): [\(entry.section)] \(entry.key)"
            }
            if Podman5QuadletKeys.systemdSections.contains(entry.section) { return nil }
            return "\(file):\(entry.line): unknown section [\(entry.section)]"
        }
    }

    @Test func theQuadletFolderHoldsTheContainerAndItsVolume() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: DeployPaths.quadlet.path).sorted()
        #expect(names == Self.files.sorted())
    }

    /// Active and commented-out optional settings alike: uncommenting one must not break the unit.
    @Test(arguments: files)
    func everyKeyIsOnePodman5Supports(file: String) throws {
        let unit = try Self.unit(file)
        #expect(unit.sections.contains { Podman5QuadletKeys.sections[$0] != nil }, "\(file) has no Quadlet section")
        let bad = Self.unsupportedKeys(unit, file: file)
        #expect(bad.isEmpty, "keys Podman 5.0's Quadlet rejects:\n\(bad.joined(separator: "\n"))")
    }

    @Test func theOptionalSettingsAreCheckedToo() throws {
        let optional = try Self.unit("agentplane.container").entries.filter(\.optional).map(\.key)
        #expect(Set(optional).isSuperset(of: ["UserNS", "Secret", "Volume", "Environment", "SecurityLabelDisable"]))
    }

    /// The check above can fail: keys that came after 5.0, and typos, are reported with their line.
    @Test(arguments: [
        ("GroupAdd=0", "GroupAdd"), ("Memory=512M", "Memory"), ("StopSignal=SIGINT", "StopSignal"), ("Readonly=true", "Readonly"),
    ])
    func aKeyPodman5DoesNotKnowIsReported(line: String, key: String) throws {
        let text = try DeployPaths.text(DeployPaths.quadlet.appendingPathComponent("agentplane.container"))
        let broken = text.replacingOccurrences(of: "\n[Service]\n", with: "\n" + line + "\n\n[Service]\n")
        let bad = Self.unsupportedKeys(UnitFile(broken), file: "agentplane.container")
        #expect(bad.count == 1 && bad.first?.hasSuffix("[Container] \(key)") == true, "\(bad)")
    }

    /// What agentplane's renderer writes into Quadlet files must be Podman 5.0 keys as well.
    @Test func theRenderersKeysAreAllPodman5Keys() {
        for (section, keys) in QuadletKeys.allowed {
            guard let podman = Podman5QuadletKeys.sections[section] else {
                #expect(Podman5QuadletKeys.systemdSections.contains(section), "renderer section [\(section)]")
                continue
            }
            let extra = Set(keys).subtracting(podman)
            #expect(extra.isEmpty, "renderer writes [\(section)] \(extra.sorted()), unknown to Podman 5.0")
        }
    }

    /// Quadlet refuses a unit whose [Service] Type is not notify or oneshot, or whose KillMode is
    /// not mixed or control-group (quadlet.go, ConvertContainer).
    @Test func theGeneratorsServiceRulesHold() throws {
        let unit = try Self.unit("agentplane.container")
        if let type = unit.value("Type", in: "Service") { #expect(["notify", "oneshot"].contains(type)) }
        if let mode = unit.value("KillMode", in: "Service") { #expect(["mixed", "control-group"].contains(mode)) }
        #expect(unit.values("Image", in: "Container").count == 1)
        #expect(unit.values("Rootfs", in: "Container").isEmpty, "Image and Rootfs conflict")
    }

    /// podman-systemd.unit(5): StopTimeout must stay below the unit's stop timeout, or systemd kills
    /// `podman rm` itself before the loop has finished its action.
    @Test func podmanStopsTheContainerBeforeSystemdGivesUp() throws {
        let unit = try Self.unit("agentplane.container")
        let stopText = try #require(unit.value("StopTimeout", in: "Container"))
        let stop = try #require(Int(stopText))
        let systemdStop = try #require(unit.value("TimeoutStopSec", in: "Service"))
        let minutes = try #require(Int(systemdStop.replacingOccurrences(of: "min", with: "")))
        #expect(systemdStop.hasSuffix("min"))
        #expect(stop == 600)
        #expect(stop < minutes * 60)
    }

    @Test func theContainerIsHardenedAndKeepsItsStateInTheVolume() throws {
        let unit = try Self.unit("agentplane.container")
        #expect(unit.value("Image", in: "Container") == "ghcr.io/agentplane/agentplane:0.1.0")
        #expect(unit.value("ReadOnly", in: "Container") == "true")
        #expect(unit.value("NoNewPrivileges", in: "Container") == "true")
        #expect(unit.value("DropCapability", in: "Container") == "all")
        #expect(unit.value("RunInit", in: "Container") == "true")
        let user = try #require(unit.value("User", in: "Container"))
        #expect(user != "0" && user != "root")
        #expect(unit.values("Volume", in: "Container") == ["agentplane-state.volume:/var/lib/agentplane"])
        let volume = try Self.unit("agentplane-state.volume")
        #expect(volume.value("VolumeName", in: "Volume") == "agentplane-state")
        let exec = try #require(unit.value("Exec", in: "Container"))
        #expect(exec.hasPrefix("reconcile --watch --interval ${AGENTPLANE_INTERVAL} --repo ${AGENTPLANE_REPO} --state-dir /var/lib/agentplane"))
    }

    /// Every `.volume` a `Volume=` names (optional lines included) is shipped next to the container.
    @Test func everyReferencedVolumeUnitIsShipped() throws {
        let unit = try Self.unit("agentplane.container")
        let sources = unit.entries.filter { $0.section == "Container" && $0.key == "Volume" }
            .compactMap { $0.value.split(separator: ":").first.map(String.init) }
            .filter { $0.hasSuffix(".volume") }
        #expect(sources == ["agentplane-state.volume"])
        for source in sources {
            #expect(FileManager.default.fileExists(atPath: DeployPaths.quadlet.appendingPathComponent(source).path))
        }
    }

    @Test func everyVariableOfExecIsDefined() throws {
        let unit = try Self.unit("agentplane.container")
        let exec = try #require(unit.value("Exec", in: "Container"))
        var defined = Set(try EnvironmentExample.settings().keys)
        for assignment in unit.values("Environment", in: "Service") {
            defined.insert(String(assignment.prefix { $0 != "=" }))
        }
        #expect(unit.value("EnvironmentFile", in: "Service") == "/etc/agentplane/agentplane.env")
        let used = EnvironmentExample.variables(in: exec)
        #expect(used == ["AGENTPLANE_INTERVAL", "AGENTPLANE_REPO", "AGENTPLANE_ARGS"])
        #expect(used.subtracting(defined).isEmpty, "undefined: \(used.subtracting(defined).sorted())")
    }

    /// [Unit], [Service] and [Install] go to systemd as written. They are checked as the service
    /// Quadlet would generate, minus the [Container] part: with a stand-in ExecStart, since the
    /// real one is Quadlet's `podman run …` line.
    @Test func theSectionsSystemdReadsPassVerify() throws {
        let text = try DeployPaths.text(DeployPaths.quadlet.appendingPathComponent("agentplane.container"))
        let unit = UnitFile(text)
        var service = ""
        for section in ["Unit", "Service", "Install"] {
            service += "[\(section)]\n"
            for entry in unit.entries where entry.section == section && !entry.optional {
                service += "\(entry.key)=\(entry.value)\n"
            }
            if section == "Service" { service += "ExecStart=\(SystemdVerifier.standIn)\n" }
        }
        #expect(service.contains("TimeoutStopSec=11min"))
        let result = try SystemdVerifier.verify([("agentplane.service", service)])
        #expect(result.status == 0, "systemd-analyze verify failed:\n\(result.transcript)\n\(service)")
        #expect(result.stderr.isEmpty, "systemd-analyze verify warned:\n\(result.transcript)\n\(service)")
    }
}
