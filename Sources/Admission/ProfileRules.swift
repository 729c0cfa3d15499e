import PlaneModel

/// The rules a profile imposes on a pod: network, models, tools, containers, budget.
enum ProfileRules {
    typealias Denial = ActivationDecision.Denial

    static func check(_ pod: AgentPod, against profile: Profile) -> [Denial] {
        network(pod, profile) + models(pod, profile) + tools(pod, profile) + containers(pod, profile)
            + budget(pod, profile)
    }

    static func network(_ pod: AgentPod, _ profile: Profile) -> [Denial] {
        guard profile.spec.network.mode == .none else { return [] }
        var out: [Denial] = []
        if let model = pod.spec.model, model.isHosted {
            out.append(.init(
                rule: "network", pointer: "/spec/model/provider",
                message: "hosted model \(model.provider) needs the network, and profile \(profile.name) has network mode none"))
        }
        for (c, container) in pod.spec.containers.enumerated() {
            for (p, port) in container.ports.enumerated() where port.hostPort != nil {
                out.append(.init(
                    rule: "network", pointer: "/spec/containers/\(c)/ports/\(p)/hostPort",
                    message: "host port \(port.hostPort ?? 0) published, and profile \(profile.name) has network mode none"))
            }
        }
        return out
    }

    static func models(_ pod: AgentPod, _ profile: Profile) -> [Denial] {
        guard let model = pod.spec.model else { return [] }
        var out: [Denial] = []
        let policy = profile.spec.models
        if model.isHosted && !policy.hostedAllowed {
            out.append(.init(
                rule: "model.hosted", pointer: "/spec/model/provider",
                message: "hosted model providers are not allowed by profile \(profile.name)"))
        }
        if !policy.allowedProviders.contains(model.provider) {
            let allowed = policy.allowedProviders.isEmpty ? "none" : policy.allowedProviders.joined(separator: ", ")
            out.append(.init(
                rule: "model.provider", pointer: "/spec/model/provider",
                message: "model provider \(model.provider) is not allowed by profile \(profile.name) (allowed: \(allowed))"))
        }
        return out
    }

    static func tools(_ pod: AgentPod, _ profile: Profile) -> [Denial] {
        let allowed = Set(profile.spec.toolsAllow)
        return pod.spec.tools.enumerated().compactMap { index, grant in
            guard !allowed.contains(grant.name) else { return nil }
            return .init(
                rule: "tool", pointer: "/spec/tools/\(index)/name",
                message: "tool \(grant.name) is not allowed by profile \(profile.name)")
        }
    }

    static func containers(_ pod: AgentPod, _ profile: Profile) -> [Denial] {
        let policy = profile.spec.containers
        var out: [Denial] = []
        if policy.privileged {
            out.append(.init(
                rule: "privileged", pointer: "/spec/profile",
                message: "profile \(profile.name) allows privileged containers, which agentplane never runs"))
        }
        for (index, container) in pod.spec.containers.enumerated() {
            let image = container.image
            let pointer = "/spec/containers/\(index)/image"
            if !policy.allowedRegistries.isEmpty && !policy.allowedRegistries.contains(where: { image.hasPrefix($0 + "/") }) {
                out.append(.init(
                    rule: "registry", pointer: pointer,
                    message: "image \(image) is not from a registry profile \(profile.name) allows "
                        + "(\(policy.allowedRegistries.joined(separator: ", ")))"))
            }
            if policy.requireDigest && !isPinnedByDigest(image) {
                out.append(.init(
                    rule: "digest", pointer: pointer,
                    message: "image \(image) is not pinned by digest, and profile \(profile.name) requires @sha256:…"))
            }
        }
        return out
    }

    static func budget(_ pod: AgentPod, _ profile: Profile) -> [Denial] {
        let budget = profile.spec.budget
        let demand = pod.demand
        var out: [Denial] = []
        let name = profile.name
        if let cores = budget.cpu?.cores, demand.cores > cores + 1e-9 {
            out.append(.init(
                rule: "budget.cpu", pointer: "/spec/containers",
                message: "requests \(AmountText.cores(demand.cores)), over profile \(name)'s budget of \(AmountText.cores(cores))"))
        }
        if let bytes = budget.memory?.bytes, demand.memory > bytes {
            out.append(.init(
                rule: "budget.memory", pointer: "/spec/containers",
                message: "requests \(AmountText.bytes(demand.memory)) memory, over profile \(name)'s budget of \(AmountText.bytes(bytes))"))
        }
        if demand.gpus > (budget.gpu ?? (demand.gpus > 0 ? 0 : Int.max)) {
            out.append(.init(
                rule: "budget.gpu", pointer: "/spec/containers",
                message: "requests \(demand.gpus) gpu, over profile \(name)'s budget of \(budget.gpu ?? 0)"))
        }
        if let bytes = budget.disk?.bytes, demand.disk > bytes {
            out.append(.init(
                rule: "budget.disk", pointer: "/spec/volumes",
                message: "volumes need \(AmountText.bytes(demand.disk)), over profile \(name)'s disk budget of \(AmountText.bytes(bytes))"))
        }
        if let concurrency = budget.concurrency, pod.spec.replicas > concurrency {
            out.append(.init(
                rule: "budget.concurrency", pointer: "/spec/replicas",
                message: "\(pod.spec.replicas) replicas, over profile \(name)'s concurrency of \(concurrency)"))
        }
        return out
    }

    /// Whether the image reference carries `@sha256:` (compared byte-wise, without Foundation).
    static func isPinnedByDigest(_ image: String) -> Bool {
        image.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false).dropFirst()
            .contains { $0.starts(with: "sha256:".utf8) }
    }
}
