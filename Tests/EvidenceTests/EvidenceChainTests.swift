import Formats
import PlaneModel
import Planning
import Testing

@testable import Evidence

private func input(_ runID: String, previous: String?, result: String = "succeeded") -> RunEvidenceInput {
    let plan = Plan(revision: "c0ffee", desiredTree: "d1", fleetTree: "f1", nodes: [
        NodePlan(node: "dev-1", stage: "dev", executor: .directory, revision: "c0ffee",
                 observedDigest: String(repeating: "a", count: 64), changes: [], unchanged: 2)
    ])
    return RunEvidenceInput(
        runID: runID, agentplaneVersion: "0.1.0", revision: "c0ffee", desiredTree: "d1", fleetTree: "f1",
        startedAt: "2026-11-22T00:00:00Z", finishedAt: "2026-11-22T00:00:05Z", result: result, plan: plan,
        activations: [ActivationDecision(pod: "web", profile: "p", bundle: "b"),
                      ActivationDecision(pod: "evil", profile: "p", bundle: "b", denials: [.init(rule: "registry", pointer: "/spec/containers/0/image", message: "image quay.io/x is not allowed")])],
        placements: [PlacementDecision(pod: "web", stage: "dev", node: "dev-1", losers: [
            .init(reason: "lacks capability gpu", nodes: ["dev-2"]),
        ])],
        validatedFiles: [.init(path: "desired/agentpods/web.json", sha256: String(repeating: "b", count: 64))],
        warnings: [],
        applied: [.init(node: "dev-1", action: "create", path: "web.pod", pod: "web", reason: "new", beforeDigest: nil, afterDigest: "e1")],
        failures: [], smoke: [.init(node: "dev-1", bundle: "b", name: "ping", pod: "web", passed: true, status: 0, output: "ok")],
        rendered: ["dev-1": ["web.pod": "e1", "web-main.container": "e2"]], previousManifestDigest: previous)
}

/// Three chained runs, as folders of files.
private func chain() -> [String: [String: [UInt8]]] {
    var runs: [String: [String: [UInt8]]] = [:]
    var previous: String?
    for id in ["20261122T000000Z-aaaa0001", "20261122T000100Z-aaaa0002", "20261122T000200Z-aaaa0003"] {
        let bundle = EvidenceBuilder.build(input(id, previous: previous))
        runs[id] = bundle.files
        previous = bundle.manifestDigest
    }
    return runs
}

@Suite("Evidence")
struct EvidenceChainTests {
    @Test func anIntactChainVerifies() {
        #expect(EvidenceVerifier.verify(chain()).isEmpty)
    }

    @Test func evidenceIsDeterministicAndListsEveryArtifact() throws {
        let a = EvidenceBuilder.build(input("r1", previous: nil))
        let b = EvidenceBuilder.build(input("r1", previous: nil))
        #expect(a == b)
        let manifestBytes = try #require(a.files["manifest.json"])
        let manifest = try #require(Manifest.decode(manifestBytes))
        #expect(manifest.artifacts.map(\.0) == EvidenceBuilder.artifactNames.sorted())
        #expect(a.repositoryFiles.keys.sorted().first == "evidence/r1/SUMMARY.md")
        let summaryBytes = try #require(a.files["SUMMARY.md"])
        let summary = String(decoding: summaryBytes, as: UTF8.self)
        #expect(summary.contains("| + create | `web.pod` | web | new |"))
        #expect(summary.contains("- pod `evil` (profile `p`, bundle `b`)"))
        #expect(summary.contains("| `web` | dev | `dev-1` | dev-2: lacks capability gpu |"))
        #expect(summary.contains("- [run.json](run.json)"))
    }

    @Test func oneFlippedByteIsNamed() throws {
        var runs = chain()
        let id = "20261122T000100Z-aaaa0002"
        var bytes = try #require(runs[id]?["placement.json"])
        bytes[10] ^= 0x01
        runs[id]?["placement.json"] = bytes
        let findings = EvidenceVerifier.verify(runs)
        #expect(findings.count == 1)
        #expect(findings.first?.description.hasPrefix("evidence/\(id): placement.json was modified") == true)
    }

    @Test func aDroppedRunIsDetected() {
        var runs = chain()
        runs["20261122T000100Z-aaaa0002"] = nil
        let findings = EvidenceVerifier.verify(runs).map(\.description)
        #expect(findings.count == 1)
        #expect(findings.first?.contains("evidence/20261122T000200Z-aaaa0003: the previous run in the chain") == true)
        #expect(findings.first?.contains("is missing") == true)
    }

    @Test func twoSwappedRunsAreDetected() {
        var runs = chain()
        let a = "20261122T000000Z-aaaa0001"
        let b = "20261122T000100Z-aaaa0002"
        let first = runs[a]
        runs[a] = runs[b]
        runs[b] = first
        let findings = EvidenceVerifier.verify(runs).map(\.description)
        #expect(findings.contains { $0.contains("manifest.json belongs to run \(b), not \(a)") })
        #expect(findings.contains { $0.contains("chain out of order") })
    }

    @Test func aMissingOrForgedManifestIsNamed() {
        var runs = chain()
        runs["20261122T000000Z-aaaa0001"]?["manifest.json"] = nil
        runs["20261122T000200Z-aaaa0003"]?["manifest.json"] = Array("{}".utf8)
        let findings = EvidenceVerifier.verify(runs).map(\.description)
        #expect(findings.contains("evidence/20261122T000000Z-aaaa0001: manifest.json is missing"))
        #expect(findings.contains("evidence/20261122T000200Z-aaaa0003: manifest.json is not a valid manifest"))
    }
}
