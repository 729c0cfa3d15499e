import Formats
import PlaneModel

/// The workload: a Deployment (restart policy always or on-failure; every podman pod) or a Job
/// (restart policy never on a cluster), and the pod template they share.
extension KubernetesManifestBuilder {
    /// `apps/v1` Deployment named after the pod.
    func deployment(_ digest: String?) -> JSONValue {
        var spec: [(String, JSONValue)] = [
            ("replicas", .number(pod.spec.replicas)),
            ("selector", ["matchLabels": selectorLabels]),
        ]
        if needsRecreateStrategy { spec.append(("strategy", ["type": "Recreate"])) }
        spec.append(("template", podTemplate))
        return .object([
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", metadata(name: podName, annotations: workloadAnnotations, digest: digest)),
            ("spec", .object(spec)),
        ])
    }

    /// `batch/v1` Job for a run-once pod: every replica runs to completion once, no retries
    /// (`backoffLimit: 0`), and the finished Job stays so observe sees it done (no TTL).
    func job(_ digest: String?) -> JSONValue {
        .object([
            ("apiVersion", "batch/v1"),
            ("kind", "Job"),
            ("metadata", metadata(name: podName, annotations: workloadAnnotations, digest: digest)),
            (
                "spec",
                .object([
                    ("parallelism", .number(pod.spec.replicas)),
                    ("completions", .number(pod.spec.replicas)),
                    ("backoffLimit", 0),
                    ("template", podTemplate),
                ])
            ),
        ])
    }

    /// The pod's own annotations, then ours: the restart policy asked for (a cluster Deployment
    /// always restarts, so on-failure is kept here for readers) and the network mode.
    var workloadAnnotations: [String: String] {
        var annotations = pod.metadata.annotations
        annotations["agentplane.dev/restart-policy"] = pod.spec.restartPolicy.rawValue
        annotations["agentplane.dev/network-mode"] = profile.spec.network.mode.rawValue
        if let model = pod.spec.model {
            annotations["agentplane.dev/model"] = "\(model.provider)/\(model.id)"
        }
        return annotations
    }

    /// A pod with claims on one-writer storage or host ports cannot run old and new side by side:
    /// replace it instead of rolling (clusters only; podman replaces anyway).
    var needsRecreateStrategy: Bool {
        guard !target.isPodman else { return false }
        let hasHostPort = pod.spec.containers.contains { $0.ports.contains { $0.hostPort != nil } }
        let hasOneWriterClaim = pod.spec.volumes.contains {
            if case .claim(_, "ReadWriteOnce") = KubernetesStorage.forTier($0.tier) { return true }
            return false
        }
        return hasHostPort || hasOneWriterClaim
    }

    /// `spec.restartPolicy` of the pod template.
    var templateRestartPolicy: String {
        switch (target, pod.spec.restartPolicy) {
        case (_, .always): "Always"
        case (.cluster, .onFailure): "Always"
        case (.podman, .onFailure): "OnFailure"
        case (_, .never): "Never"
        }
    }

    var podTemplate: JSONValue {
        var spec: [(String, JSONValue)] = []
        if !target.isPodman {
            spec.append(("serviceAccountName", .string(podName)))
            spec.append(("automountServiceAccountToken", false))
            spec.append(("enableServiceLinks", false))
        }
        spec.append(("restartPolicy", .string(templateRestartPolicy)))
        spec.append(("containers", .array(of: pod.spec.containers.map(container))))
        if !pod.spec.volumes.isEmpty {
            spec.append(("volumes", .array(of: sortedVolumes.map(podVolume))))
        }
        return .object([
            ("metadata", ["labels": objectLabels]),
            ("spec", .object(spec)),
        ])
    }
}
