import PlaneModel
import Testing

@testable import Admission

private func profile(
    _ name: String = "corp", mode: Profile.NetworkMode = .allowlist, providers: [String] = ["llama.cpp"],
    hosted: Bool = false, tools: [String] = ["search"], registries: [String] = ["docker.io", "ghcr.io/acme"],
    requireDigest: Bool = false, budget: Profile.Budget = Profile.Budget(cpu: Quantity("2"), memory: Quantity("4Gi"))
) -> Profile {
    Profile(
        metadata: ObjectMeta(name: name),
        spec: .init(
            profileClass: .corporateFirewall, network: .init(mode: mode),
            models: .init(allowedProviders: providers, hostedAllowed: hosted), toolsAllow: tools,
            containers: .init(allowedRegistries: registries, requireDigest: requireDigest), budget: budget),
        source: SourceRef(path: "desired/profiles/\(name).json"))
}

private func bundle(_ name: String = "b", pods: [String] = ["agent"], seconds: Int = 600,
                    components: [Bundle.Component] = []) -> Bundle {
    Bundle(metadata: ObjectMeta(name: name), version: "1.0.0",
           spec: .init(pods: pods, maxRunSeconds: seconds, components: components),
           source: SourceRef(path: "desired/bundles/\(name).json"))
}

private func pod(
    image: String = "docker.io/library/busybox:1.36", cpu: String = "1", memory: String = "1Gi",
    model: AgentPod.ModelSpec? = nil, tools: [AgentPod.ToolGrant] = [], hostPort: Int? = nil, profile: String = "corp"
) -> AgentPod {
    AgentPod(
        metadata: ObjectMeta(name: "agent"),
        spec: .init(
            bundle: "b", profile: profile,
            containers: [.init(name: "main", image: image,
                               ports: hostPort.map { [.init(containerPort: 8080, hostPort: $0)] } ?? [],
                               resources: Resources(cpu: Quantity(cpu), memory: Quantity(memory)))],
            model: model, tools: tools),
        source: SourceRef(path: "desired/agentpods/agent.json"))
}

private func admit(_ pod: AgentPod, profile p: Profile = profile(), bundle b: Bundle = bundle()) -> ActivationDecision {
    Admitter(documents: DesiredDocuments(pods: [pod], bundles: [b], profiles: [p])).admit(pod)
}

@Suite("Admission")
struct AdmitterTests {
    @Test func aPodWithinPolicyIsAllowed() {
        let decision = admit(pod(tools: [.init(name: "search", scope: "read")]))
        #expect(decision.allowed)
        #expect(decision.denials.isEmpty)
    }

    @Test func everyReasonIsReportedNotTheFirst() {
        let decision = admit(pod(
            image: "quay.io/evil/miner:latest", cpu: "3", memory: "8Gi",
            model: .init(provider: "hosted:openai", id: "gpt"), tools: [.init(name: "shell", scope: "root")]))
        #expect(!decision.allowed)
        #expect(decision.denials.map(\.rule) == [
            "model.hosted", "model.provider", "tool", "registry", "budget.cpu", "budget.memory",
        ])
        #expect(decision.denials[3].pointer == "/spec/containers/0/image")
        #expect(decision.denials[3].message
            == "image quay.io/evil/miner:latest is not from a registry profile corp allows (docker.io, ghcr.io/acme)")
        #expect(decision.denials[4].message == "requests 3 cores, over profile corp's budget of 2 cores")
    }

    @Test func airgappedProfileDeniesHostedModelsAndPublishedPorts() {
        let airgapped = profile("air", mode: .none, providers: ["hosted:openai"], hosted: true)
        let decision = admit(pod(model: .init(provider: "hosted:openai", id: "gpt"), hostPort: 8080, profile: "air"),
                             profile: airgapped)
        #expect(decision.denials.map(\.rule) == ["network", "network"])
        #expect(decision.denials[0].message
            == "hosted model hosted:openai needs the network, and profile air has network mode none")
    }

    @Test func digestPinningAndRegistryPrefixes() {
        let strict = profile(requireDigest: true)
        #expect(admit(pod(image: "ghcr.io/acme/agent@sha256:" + String(repeating: "a", count: 64)), profile: strict).allowed)
        let tagged = admit(pod(image: "ghcr.io/acme/agent:1.0"), profile: strict)
        #expect(tagged.denials.map(\.rule) == ["digest"])
        // ghcr.io/acme allows ghcr.io/acme/…, not ghcr.io/acme-evil/….
        #expect(admit(pod(image: "ghcr.io/acme-evil/agent:1")).denials.map(\.rule) == ["registry"])
    }

    @Test func bundlePolicyLicencesAndRunTime() {
        let agpl = bundle(seconds: 7200, components: [
            .init(name: "db", license: "MIT OR AGPL-3.0-only"), .init(name: "ok", license: "Apache-2.0"),
        ])
        let decision = admit(pod(), profile: profile(budget: .init(maxRunSeconds: 900)), bundle: agpl)
        #expect(decision.denials.map(\.rule) == ["license", "maxRunSeconds", "budget.maxRunSeconds"])
        #expect(decision.denials[0].message == "bundle b component db is licensed MIT OR AGPL-3.0-only (AGPL is not allowed)")
        let notMember = admit(pod(), bundle: bundle(pods: ["other"]))
        #expect(notMember.denials.map(\.rule) == ["bundle.membership"])
    }

    @Test func missingReferencesDenyRatherThanCrash() {
        let decision = Admitter(documents: DesiredDocuments()).admit(pod())
        #expect(decision.denials.map(\.rule) == ["profile", "bundle"])
    }

    @Test func decisionsComeInPodNameOrder() {
        var second = pod()
        second.metadata.name = "a-first"
        let decisions = Admitter(documents: DesiredDocuments(bundles: [bundle(pods: ["agent", "a-first"])], profiles: [profile()]))
            .admit([pod(), second])
        #expect(decisions.map(\.pod) == ["a-first", "agent"])
        #expect(decisions.allSatisfy { $0.allowed })
    }
}
