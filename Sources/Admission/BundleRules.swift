import PlaneModel

/// The rules a bundle's policy imposes on its pods: licences and the run-time limit.
enum BundleRules {
    typealias Denial = ActivationDecision.Denial

    static func check(_ pod: AgentPod, in bundle: Bundle, profile: Profile?) -> [Denial] {
        membership(pod, in: bundle, members: Set(bundle.spec.pods)) + policy(of: bundle, profile: profile)
    }

    /// The pod must be one the bundle lists (`members` is the bundle's `spec.pods`).
    static func membership(_ pod: AgentPod, in bundle: Bundle, members: Set<String>) -> [Denial] {
        guard !members.contains(pod.name) else { return [] }
        return [.init(
            rule: "bundle.membership", pointer: "/spec/bundle",
            message: "bundle \(bundle.name) does not list pod \(pod.name) in spec.pods")]
    }

    /// What the bundle's own policy says, the same for each of its pods under one profile:
    /// licences, maxRunSeconds and the profile's run-time budget.
    static func policy(of bundle: Bundle, profile: Profile?) -> [Denial] {
        var out: [Denial] = []
        if bundle.allowAGPL {
            out.append(.init(
                rule: "license", pointer: "/spec/bundle",
                message: "bundle \(bundle.name) sets licensePolicy.allowAGPL, which must be false"))
        }
        for component in bundle.spec.components where isAGPL(component.license) {
            out.append(.init(
                rule: "license", pointer: "/spec/bundle",
                message: "bundle \(bundle.name) component \(component.name) is licensed \(component.license) (AGPL is not allowed)"))
        }
        let seconds = bundle.spec.maxRunSeconds
        if !(5...3600).contains(seconds) {
            out.append(.init(
                rule: "maxRunSeconds", pointer: "/spec/bundle",
                message: "bundle \(bundle.name) maxRunSeconds \(seconds) is outside 5–3600"))
        }
        if let profile, let limit = profile.spec.budget.maxRunSeconds, seconds > limit {
            out.append(.init(
                rule: "budget.maxRunSeconds", pointer: "/spec/bundle",
                message: "bundle \(bundle.name) maxRunSeconds \(seconds) is over profile \(profile.name)'s budget of \(limit)"))
        }
        return out
    }

    /// True when an SPDX identifier or expression names any AGPL licence.
    static func isAGPL(_ license: String) -> Bool {
        license.uppercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "." })
            .contains { $0.hasPrefix("AGPL") }
    }
}
