import Foundation
import PlaneModel
import Rendering
import Testing

/// Hostile values reach a real container unchanged: a rendered `.container` is turned into the
/// `podman run` argument vector the way Quadlet and systemd would (``CommandLineEmulation``),
/// and real podman runs it with the local busybox image, which prints its argv and environment.
///
/// Podman 5's Quadlet generator is not on these machines, so the Quadlet and systemd steps are
/// the tested model; podman's own reading of `--env`, `--entrypoint` and the command is real.
@Suite struct QuadletPodmanRunTests {
    /// Prints every argument, then a marker, then the environment, all NUL-separated.
    static let script = #"printf '%s\0' "$@"; printf 'ENVIRON\0'; cat /proc/self/environ"#

    func placement(command: [String], args: [String]) -> PodPlacement {
        let container = AgentPod.Container(
            name: "echo", image: PodmanHarness.image, command: command, args: args,
            env: QuadletFixtures.hostileValues.enumerated().map { AgentPod.EnvVar(name: "V\($0.offset)", source: .value($0.element)) })
        let pod = QuadletFixtures.agentPod("run", profile: "personal", containers: [container])
        return PodPlacement(pod: pod, bundle: QuadletFixtures.bundle(for: pod), profile: QuadletFixtures.open(), node: QuadletFixtures.userNode)
    }

    @Test func valuesSurviveThroughTheJSONEntrypoint() throws {
        let args = ["sh"] + QuadletFixtures.hostileValues
        let seen = try run(placement(command: ["/bin/sh", "-c", Self.script], args: args))
        #expect(seen.arguments == QuadletFixtures.hostileValues)
        try expectHostileEnvironment(seen.environment)
    }

    @Test func valuesSurviveThroughExec() throws {
        let args = ["/bin/sh", "-c", Self.script, "sh"] + QuadletFixtures.hostileValues.filter { $0 != ";" }
        let seen = try run(placement(command: [], args: args))
        #expect(seen.arguments == QuadletFixtures.hostileValues.filter { $0 != ";" })
        try expectHostileEnvironment(seen.environment)
    }

    func expectHostileEnvironment(_ environment: [String: String]) throws {
        for (index, value) in QuadletFixtures.hostileValues.enumerated() {
            #expect(environment["V\(index)"] == value, "V\(index)")
        }
    }

    /// Renders, converts the container unit's keys to `podman run` arguments, runs it.
    func run(_ placement: PodPlacement) throws -> (arguments: [String], environment: [String: String]) {
        let podman = try PodmanHarness()
        defer { podman.cleanUp() }
        let unit = try #require(try QuadletRenderer().render(placement).first { $0.kind == .quadletContainer })
        let lines = try UnitFileLines.parse(unit.bytes).filter { $0.section == "Container" }

        var options: [String] = []
        var image: String?
        var command: [String] = []
        for line in lines {
            let text = "\(line.key)=\(line.value)"
            switch line.key {
            case "Environment":
                for word in try CommandLineEmulation.podmanWords(fromSplitLine: text) { options += ["--env", word] }
            case "Entrypoint":
                options.append("--entrypoint=" + (try CommandLineEmulation.podmanArgument(fromVerbatimLine: text)))
            case "Image":
                image = try CommandLineEmulation.podmanArgument(fromVerbatimLine: text)
            case "Exec":
                command = try CommandLineEmulation.podmanWords(fromSplitLine: text)
            default:
                continue  // name, pod, labels: not what this test is about
            }
        }
        let result = try podman.podmanSucceeding(
            ["run", "--rm", "--network", "none"] + options + [try #require(image)] + command)

        var arguments: [String] = []
        var environment: [String: String] = [:]
        var inEnvironment = false
        for field in result.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast() {
            let text = String(decoding: field, as: UTF8.self)
            if !inEnvironment {
                if text == "ENVIRON" { inEnvironment = true } else { arguments.append(text) }
            } else if let equals = text.firstIndex(of: "=") {
                environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
        }
        #expect(inEnvironment, "the container printed no environment: \(result.stdoutText)")
        return (arguments, environment)
    }
}
