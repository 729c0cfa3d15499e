import Formats
import PlaneModel

/// Admission: checks every pod against its profile and its bundle's policy. Deny wins: a pod is
/// allowed only when no rule denies it, and every rule that denies it is reported.
public struct Admitter: Sendable {
    public var profiles: [String: Profile]
    public var bundles: [String: Bundle]
    /// Per bundle, the pods it lists.
    private var members: [String: Set<String>]
    /// Per bundle and profile, the bundle-policy denials every such pod gets (worked out once:
    /// 10,000 pods share a hundred bundles).
    private var policies: [BundleUnderProfile: [ActivationDecision.Denial]]

    public init(documents: DesiredDocuments) {
        profiles = Dictionary(documents.profiles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        bundles = Dictionary(documents.bundles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        members = bundles.mapValues { Set($0.spec.pods) }
        var policies: [BundleUnderProfile: [ActivationDecision.Denial]] = [:]
        for bundle in bundles.values {
            policies[BundleUnderProfile(bundle: bundle.name, profile: nil)] = BundleRules.policy(of: bundle, profile: nil)
            for profile in profiles.values {
                policies[BundleUnderProfile(bundle: bundle.name, profile: profile.name)] = BundleRules.policy(of: bundle, profile: profile)
            }
        }
        self.policies = policies
    }

    /// One decision per pod, in pod-name order. Pods are judged independently, on every core.
    public func admit(_ pods: [AgentPod]) -> [ActivationDecision] {
        pods.sorted { $0.name < $1.name }.concurrentMap(minimumCount: 256) { admit($0) }
    }

    public func admit(_ pod: AgentPod) -> ActivationDecision {
        var denials: [ActivationDecision.Denial] = []
        if let profile = profiles[pod.spec.profile] {
            denials += ProfileRules.check(pod, against: profile)
        } else {
            denials.append(.init(rule: "profile", pointer: "/spec/profile", message: "profile \(pod.spec.profile) does not exist"))
        }
        if let bundle = bundles[pod.spec.bundle] {
            let profile = profiles[pod.spec.profile]
            denials += BundleRules.membership(pod, in: bundle, members: members[bundle.name] ?? [])
            denials += policies[BundleUnderProfile(bundle: bundle.name, profile: profile?.name)]
                ?? BundleRules.policy(of: bundle, profile: profile)
        } else {
            denials.append(.init(rule: "bundle", pointer: "/spec/bundle", message: "bundle \(pod.spec.bundle) does not exist"))
        }
        return ActivationDecision(pod: pod.name, profile: pod.spec.profile, bundle: pod.spec.bundle, denials: denials)
    }
}

/// A bundle as judged under one profile (nil: the pod's profile does not exist).
private struct BundleUnderProfile: Hashable, Sendable {
    var bundle: String
    var profile: String?
}
