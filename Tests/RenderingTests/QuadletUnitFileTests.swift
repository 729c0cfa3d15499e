import Formats
import PlaneModel
import Rendering
import Testing

/// What the generator and an operator see in a rendered file: only keys Podman 5 knows, plain
/// unit-file syntax, the managed header with a digest that detects hand edits, ownership labels.
@Suite struct QuadletUnitFileTests {
    static let sectionsByExtension: [String: Set<String>] = [
        "network": ["Unit", "Network"],
        "volume": ["Unit", "Volume"],
        "pod": ["Unit", "Pod", "Service", "Install"],
        "container": ["Unit", "Container", "Service"],
    ]

    static var allObjects: [RenderedObject] {
        get throws {
            var objects: [RenderedObject] = []
            for (_, placement) in QuadletFixtures.cases { objects += try QuadletRenderer().render(placement) }
            let allowlistVolumes = QuadletFixtures.place(
                (QuadletFixtures.volumes.pod, QuadletFixtures.corporate), on: QuadletFixtures.userNode)
            return objects + (try QuadletRenderer().render(allowlistVolumes))
        }
    }

    @Test func everyRenderedKeyIsInTheAllowlistOfItsSection() throws {
        var seen = Set<String>()
        for object in try Self.allObjects {
            let ext = String(object.path.split(separator: ".").last ?? "")
            let sections = try #require(Self.sectionsByExtension[ext], "unexpected file \(object.path)")
            for line in try UnitFileLines.parse(object.bytes) {
                #expect(sections.contains(line.section), "\(object.path): section [\(line.section)]")
                #expect(QuadletKeys.isAllowed(line.key, in: line.section), "\(object.path): [\(line.section)] \(line.key)=")
                seen.insert("\(line.section).\(line.key)")
            }
        }
        // The fixtures exercise every allowed key, so the allowlist holds nothing untested.
        let allowed = Set(QuadletKeys.allowed.flatMap { section, keys in keys.map { "\(section).\($0)" } })
        #expect(seen == allowed)
    }

    /// The allowlist holds only keys that every Podman 5.x generator accepts (checked against
    /// podman's pkg/systemd/quadlet supported-key tables for v5.0.0 through v5.8.x).
    @Test func allowlistIsTheReviewedPodman5Subset() {
        #expect(QuadletKeys.allowed["Container"] == [
            "ContainerName", "Image", "Pod", "Label", "Environment", "Secret", "Volume", "WorkingDir", "AddDevice",
            "PodmanArgs", "Entrypoint", "Exec",
        ])
        #expect(QuadletKeys.allowed["Pod"] == ["PodName", "Network", "PublishPort", "PodmanArgs"])
        #expect(QuadletKeys.allowed["Volume"] == ["VolumeName", "Device", "Type", "Options", "Label"])
        #expect(QuadletKeys.allowed["Network"] == ["NetworkName", "Label"])
        #expect(QuadletKeys.allowed["Install"] == ["WantedBy"])
        #expect(!QuadletKeys.isAllowed("Label", in: "Pod"))
        #expect(!QuadletKeys.isAllowed("Memory", in: "Container"))
    }

    @Test func filesAreManagedAndTheirDigestsCheck() throws {
        for object in try Self.allObjects {
            let text = String(decoding: object.bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "# Managed by agentplane. Do not edit.")
            let check = QuadletFileHeader.check(object.bytes)
            #expect(lines.dropFirst().first == "# agentplane.dev/digest: \(check.actual)")
            #expect(check.isUnmodified)
            #expect(object.labels[OwnershipLabel.digest] == check.actual)
            #expect(object.digest == SHA256.hex(object.bytes))
            #expect(object.digest != check.actual)
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        }
    }

    @Test func aHandEditIsDetected() throws {
        let object = try #require(try QuadletRenderer().render(QuadletFixtures.cases[0].placement).last)
        var edited = object.bytes
        edited += Array("Environment=INJECTED=1\n".utf8)
        let check = QuadletFileHeader.check(edited)
        #expect(check.recorded == object.labels[OwnershipLabel.digest])
        #expect(!check.isUnmodified)
        #expect(QuadletFileHeader.check(Array("[Container]\nImage=x\n".utf8)).recorded == nil)
    }

    @Test func everyObjectCarriesTheOwnershipLabels() throws {
        for (_, placement) in QuadletFixtures.cases {
            for object in try QuadletRenderer().render(placement) {
                #expect(object.labels[OwnershipLabel.managedBy] == "agentplane")
                #expect(object.labels[OwnershipLabel.pod] == placement.pod.name)
                #expect(object.labels[OwnershipLabel.bundle] == placement.bundle.name)
                let lines = try UnitFileLines.parse(object.bytes)
                let labelValues = lines.filter { $0.key == "Label" || $0.key == "PodmanArgs" }.map(\.value)
                #expect(labelValues.contains { $0.contains("agentplane.dev/managed-by=agentplane") }, "\(object.path)")
                #expect(labelValues.contains { $0.contains("agentplane.dev/pod=\(placement.pod.name)") }, "\(object.path)")
                #expect(labelValues.contains { $0.contains("agentplane.dev/bundle=\(placement.bundle.name)") }, "\(object.path)")
            }
        }
    }

    @Test func hostileContainerEnvironmentArrivesExactly() throws {
        let placement = try #require(QuadletFixtures.cases.first { $0.name == "hostile" }?.placement)
        let objects = try QuadletRenderer().render(placement)
        let unit = try #require(objects.first { $0.path == "hostile-args.container" })
        let lines = try UnitFileLines.parse(unit.bytes)
        var environment: [String] = []
        for line in lines where line.key == "Environment" {
            environment += try CommandLineEmulation.podmanWords(fromSplitLine: "Environment=\(line.value)")
        }
        let expected = QuadletFixtures.hostileValues.enumerated().map { "V\($0.offset)=\($0.element)" }
        #expect(environment.sorted() == expected.sorted())
        let exec = try #require(lines.first { $0.key == "Exec" })
        #expect(try CommandLineEmulation.podmanWords(fromSplitLine: "Exec=\(exec.value)") == QuadletFixtures.hostileValues.filter { $0 != ";" })
        let workingDir = try #require(lines.first { $0.key == "WorkingDir" })
        #expect(try CommandLineEmulation.podmanArgument(fromVerbatimLine: "WorkingDir=\(workingDir.value)") == "/work dir/100%/$HOME")
        let volume = try #require(lines.first { $0.key == "Volume" })
        #expect(try CommandLineEmulation.podmanArgument(fromVerbatimLine: "Volume=\(volume.value)") == "hostile-data.volume:/mnt/my data/%i/${X}")

        let shell = try #require(objects.first { $0.path == "hostile-shell.container" })
        let entrypoint = try #require(try UnitFileLines.parse(shell.bytes).first { $0.key == "Entrypoint" })
        let argument = try CommandLineEmulation.podmanArgument(fromVerbatimLine: "Entrypoint=\(entrypoint.value)")
        #expect(try JSONStringArray.decode(argument) == ["find", "/srv", "-name", "*.tmp", "-exec", "rm", "{}", ";"] + QuadletFixtures.hostileValues)
    }
}

/// The `Key=value` lines of a unit file with their section; throws on anything that is not a
/// comment, a blank line, a section header or a key line, and on continuation lines.
enum UnitFileLines {
    struct Line: Equatable {
        var section: String
        var key: String
        var value: String
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ bytes: [UInt8]) throws -> [Line] {
        var section: String?
        var lines: [Line] = []
        for raw in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            if raw.hasSuffix("\\") { throw Malformed(description: "continuation line: \(raw)") }
            if raw.hasPrefix("[") {
                guard raw.hasSuffix("]") else { throw Malformed(description: "bad section: \(raw)") }
                section = String(raw.dropFirst().dropLast())
                continue
            }
            guard let current = section, let equals = raw.firstIndex(of: "=") else {
                throw Malformed(description: "not a key line: \(raw)")
            }
            let key = String(raw[..<equals])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw Malformed(description: "bad key: \(raw)")
            }
            lines.append(Line(section: current, key: key, value: String(raw[raw.index(after: equals)...])))
        }
        return lines
    }
}
