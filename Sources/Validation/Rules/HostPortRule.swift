import Formats
import PlaneModel

/// A host port (port and protocol) can be bound once per node, so two users of one host port
/// must never be able to land on the same node.
///
/// - Within a pod: no two ports of its containers share a `hostPort` and protocol.
/// - Between pods, with a fleet: two pods conflict when some node could run both, that is a
///   node whose labels match both `nodeSelector`s, whose capabilities cover both `requires`
///   lists, whose `profiles` allow both profiles, and whose executor suits both runtimes
///   (`directory` suits every runtime; `any` suits every executor). Nodes with the
///   `kubernetes` executor are skipped: there the node is a cluster whose scheduler places
///   host ports itself.
/// - Between pods, without a usable fleet: two pods conflict unless their runtimes differ
///   (neither `any`) or their `nodeSelector`s demand different values for one label, or either
///   runs on Kubernetes.
///
/// The second pod (in path order) is reported, naming the first and, with a fleet, the node.
/// This is deliberately conservative: placement may spread the pods apart, but only a
/// selector makes that certain, so the rule asks for distinct ports or exclusive selectors.
enum HostPortRule {
    /// One declared host port of a pod.
    private struct Use {
        var port: Int
        var proto: AgentPod.PortProtocol
        var pointer: String
    }

    static func check(_ context: SemanticContext) -> [Diagnostic] {
        // In path order (the validator's documents already are): indices are sorted, not a
        // second array of 10,000 pod copies; each pod is still copied as the loops read it.
        let all = context.documents.pods
        let pods = all.indices.sorted { ByteOrder.precedes(all[$0].source.path, all[$1].source.path) }.lazy.map { all[$0] }
        var out: [Diagnostic] = []
        var hostPortUses: [String: [Use]] = [:]
        for pod in pods {
            var seen: [String: String] = [:]
            var uses: [Use] = []
            for (containerIndex, container) in pod.spec.containers.enumerated() {
                for (portIndex, port) in container.ports.enumerated() {
                    guard let hostPort = port.hostPort else { continue }
                    let pointer = "/spec/containers/\(containerIndex)/ports/\(portIndex)/hostPort"
                    let key = "\(hostPort)/\(port.protocol.rawValue)"
                    if let earlier = seen[key] {
                        out.append(context.diagnostic(
                            "host-port", file: pod.source.path, pointer: pointer,
                            "host port \(key) is already used in this pod at \(earlier); a host port can be bound once per node"))
                    } else {
                        seen[key] = pointer
                        uses.append(Use(port: hostPort, proto: port.protocol, pointer: pointer))
                    }
                }
            }
            hostPortUses[pod.source.path] = uses
        }

        // Pods by host port, in path order: only pods sharing a port are ever compared.
        var usersOfPort: [String: [AgentPod]] = [:]
        let fleet = context.documents.fleet
        for pod in pods {
            for use in hostPortUses[pod.source.path] ?? [] {
                let key = "\(use.port)/\(use.proto.rawValue)"
                defer { usersOfPort[key, default: []].append(pod) }
                for earlierPod in usersOfPort[key] ?? [] {
                    let reason: String
                    if let fleet {
                        guard let node = sharedNode(pod, earlierPod, in: fleet) else { continue }
                        reason = "both pods can be placed on node '\(node)' (its labels, capabilities, profiles and executor admit both)"
                    } else {
                        guard mayShareNode(pod, earlierPod) else { continue }
                        reason = "their runtime and nodeSelector do not keep them on different nodes"
                    }
                    out.append(context.diagnostic(
                        "host-port", file: pod.source.path, pointer: use.pointer,
                        "host port \(key) is also used by pod '\(earlierPod.name)' (\(earlierPod.source.path)); \(reason): use different host ports, or nodeSelectors that keep the pods apart"))
                    break
                }
            }
        }
        return out
    }

    /// The name of the first node (in fleet order) that could run both pods, or nil.
    ///
    /// Written as a plain loop: Swift 6.3's optimiser crashes (CopyPropagation) on the
    /// `first(where:)` form of this function in release builds.
    private static func sharedNode(_ a: AgentPod, _ b: AgentPod, in fleet: Fleet) -> String? {
        for node in fleet.nodes where node.executor.kind != .kubernetes {
            if canRun(a, on: node), canRun(b, on: node) { return node.name }
        }
        return nil
    }

    /// Whether `node` satisfies the hard placement constraints of `pod`.
    static func canRun(_ pod: AgentPod, on node: Fleet.Node) -> Bool {
        let placement = pod.spec.placement
        guard placement.nodeSelector.allSatisfy({ node.labels[$0.key] == $0.value }) else { return false }
        guard Set(placement.requires).isSubset(of: Set(node.capabilities)) else { return false }
        guard node.profiles.isEmpty || node.profiles.contains(pod.spec.profile) else { return false }
        switch (placement.runtime, node.executor.kind) {
        case (.any, _), (_, .directory): return true
        case (.quadlet, .quadlet), (.podman, .podman), (.kubernetes, .kubernetes): return true
        default: return false
        }
    }

    /// Without a fleet: whether nothing in the two pods' placement keeps them apart.
    static func mayShareNode(_ a: AgentPod, _ b: AgentPod) -> Bool {
        let ra = a.spec.placement.runtime
        let rb = b.spec.placement.runtime
        if ra == .kubernetes || rb == .kubernetes { return false }
        if ra != .any, rb != .any, ra != rb { return false }
        let sa = a.spec.placement.nodeSelector
        let sb = b.spec.placement.nodeSelector
        return !sa.contains { key, value in sb[key].map { $0 != value } ?? false }
    }
}
