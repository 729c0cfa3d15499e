import Formats
import PlaneModel

/// Admission: checks every pod against its profile and its bundle's policy. Deny wins: a pod is
/// allowed only when no rule denies it, and every rule that denies it is reported.
public struct Admitter: Sendable {
    public var profiles: [String: Profile]
    public var bundles: [String: Bundle]

    public init(documents: DesiredDocuments) {
        profiles = Dictionary(documents.profiles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        bundles = Dictionary(documents.bundles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
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
            denials += BundleRules.check(pod, in: bundle, profile: profiles[pod.spec.profile])
        } else {
            denials.append(.init(rule: "bundle", pointer: "/spec/bundle", message: "bundle \(pod.spec.bundle) does not exist"))
        }
        return ActivationDecision(pod: pod.name, profile: pod.spec.profile, bundle: pod.spec.bundle, denials: denials)
    }
}
