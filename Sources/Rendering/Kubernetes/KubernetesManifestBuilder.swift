import Formats
import PlaneModel

/// Builds the manifests of one placed pod for one target. Checks the inputs once in `init`, so
/// the object builders (`+Workload`, `+Containers`, `+Volumes`, `+Policy`) cannot fail.
struct KubernetesManifestBuilder {
    let placement: PodPlacement
    let target: KubernetesTarget
    /// The profile's proxy when its network mode is allowlist.
    let proxy: EgressProxy?

    var pod: AgentPod { placement.pod }
    var podName: String { placement.pod.name }
    var profile: Profile { placement.profile }

    init(_ placement: PodPlacement, target: KubernetesTarget) throws(RenderError) {
        self.placement = placement
        self.target = target
        let network = placement.profile.spec.network
        if network.mode == .allowlist {
            let profileName = placement.profile.name
            guard let url = network.proxy else {
                throw .unsupported(
                    pod: placement.pod.name, pointer: "/spec/profile",
                    reason: "profile \(profileName) has network mode allowlist but no spec.network.proxy: "
                        + "a NetworkPolicy cannot name hosts, so egress is allowed only to the proxy")
            }
            guard let parsed = EgressProxy(url) else {
                throw .unrepresentableValue(
                    pod: placement.pod.name, pointer: "/spec/profile", value: url,
                    reason: "profile \(profileName): spec.network.proxy is not scheme://host[:port]")
            }
            proxy = parsed
        } else {
            proxy = nil
        }
        try checkTarget()
    }

    // MARK: - Objects

    /// Every manifest of the pod, in apply order (ObjectKind order, then path).
    func manifests() -> [KubernetesManifest] {
        var out: [KubernetesManifest] = []
        switch target {
        case .cluster:
            out.append(finish(.serviceAccount, path: "serviceaccount.yaml", serviceAccount))
            if needsNetworkPolicy {
                out.append(finish(.networkPolicy, path: "networkpolicy.yaml", networkPolicy))
            }
            for volume in sortedVolumes {
                guard case .claim(let storageClass, let accessMode) = KubernetesStorage.forTier(volume.tier) else {
                    continue
                }
                out.append(
                    finish(.persistentVolumeClaim, path: "pvc-\(volume.name).yaml") { digest in
                        persistentVolumeClaim(
                            volume, storageClass: storageClass, accessMode: accessMode, digest: digest)
                    })
            }
            if pod.spec.restartPolicy == .never {
                out.append(finish(.job, path: "job.yaml", job))
            } else {
                out.append(finish(.deployment, path: "deployment.yaml", deployment))
            }
        case .podman:
            out.append(finish(.deployment, path: "kube.yaml", deployment))
        }
        return out
    }

    /// Renders `build` without the digest annotation, hashes those bytes, and renders it again
    /// with `agentplane.dev/digest` set to that hash.
    func finish(
        _ kind: RenderedObject.ObjectKind, path: String, _ build: (_ digest: String?) -> JSONValue
    ) -> KubernetesManifest {
        let contentDigest = SHA256.hex(Array(YAMLWriter.write(build(nil)).utf8))
        let value = build(contentDigest)
        let bytes = Array(YAMLWriter.write(value).utf8)
        var labels = ownershipLabels
        labels[OwnershipLabel.digest] = contentDigest
        let object = RenderedObject(
            path: "\(podName)/\(path)", bytes: bytes, kind: kind, labels: labels)
        return KubernetesManifest(value: value, object: object)
    }

    // MARK: - Metadata

    /// `agentplane.dev/managed-by`, `agentplane.dev/pod`, `agentplane.dev/bundle`.
    var ownershipLabels: [String: String] {
        [
            OwnershipLabel.managedBy: OwnershipLabel.managedByValue,
            OwnershipLabel.pod: podName,
            OwnershipLabel.bundle: placement.bundle.name,
        ]
    }

    /// The AgentPod's own labels, then ours (ours win), in key order.
    var objectLabels: JSONValue {
        var labels = pod.metadata.labels
        labels.merge(ownershipLabels) { _, ours in ours }
        labels["app.kubernetes.io/managed-by"] = OwnershipLabel.managedByValue
        labels["app.kubernetes.io/name"] = podName
        return Self.sortedStringMap(labels)
    }

    /// The labels a Deployment selects its pods by (never change: selectors are immutable).
    var selectorLabels: JSONValue {
        .object([("agentplane.dev/pod", .string(podName)), ("app.kubernetes.io/name", .string(podName))])
    }

    /// `metadata` of an object named `name`: namespace (cluster only), labels, and annotations
    /// (with the digest when given) in key order.
    func metadata(name: String, annotations: [String: String] = [:], digest: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name))]
        if let namespace = target.namespace { members.append(("namespace", .string(namespace))) }
        members.append(("labels", objectLabels))
        var all = annotations
        if let digest { all[OwnershipLabel.digest] = digest }
        if !all.isEmpty { members.append(("annotations", Self.sortedStringMap(all))) }
        return .object(members)
    }

    static func sortedStringMap(_ map: [String: String]) -> JSONValue {
        .object(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    var sortedVolumes: [AgentPod.Volume] {
        pod.spec.volumes.sorted { $0.name < $1.name }
    }

    // MARK: - Checks

    /// Refuses what podman cannot run: short image names (resolved by each host's
    /// registries.conf, as for Quadlet), host ports of several replicas on one host, and host
    /// ports without a network.
    private func checkTarget() throws(RenderError) {
        guard target.isPodman else { return }
        for (c, container) in pod.spec.containers.enumerated() {
            if ImageReference(container.image) == nil {
                throw .unqualifiedImage(pod: podName, pointer: "/spec/containers/\(c)/image", image: container.image)
            }
            for (p, port) in container.ports.enumerated() where port.hostPort != nil {
                let pointer = "/spec/containers/\(c)/ports/\(p)/hostPort"
                if profile.spec.network.mode == .none {
                    throw .unsupported(
                        pod: podName, pointer: pointer,
                        reason: "profile \(profile.name) has network mode none: podman cannot publish a host port "
                            + "without a network")
                }
                if pod.spec.replicas > 1 {
                    throw .unsupported(
                        pod: podName, pointer: pointer,
                        reason: "podman runs all \(pod.spec.replicas) replicas on one host, so a host port "
                            + "can be published by one replica only")
                }
            }
        }
    }
}
