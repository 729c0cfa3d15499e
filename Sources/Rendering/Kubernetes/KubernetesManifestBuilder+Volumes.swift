import Formats
import PlaneModel

/// Volumes: a PersistentVolumeClaim per claimed volume and the pod's volume list, following
/// the table in `KubernetesStorage`.
extension KubernetesManifestBuilder {
    /// The claim of a `nvme` or `object` volume.
    func persistentVolumeClaim(
        _ volume: AgentPod.Volume, storageClass: String, accessMode: String, digest: String?
    ) -> JSONValue {
        .object([
            ("apiVersion", "v1"),
            ("kind", "PersistentVolumeClaim"),
            (
                "metadata",
                metadata(
                    name: KubernetesStorage.claimName(pod: podName, volume: volume.name),
                    annotations: ["agentplane.dev/volume": volume.name], digest: digest)
            ),
            (
                "spec",
                .object([
                    ("accessModes", .array(of: [.string(accessMode)])),
                    ("storageClassName", .string(storageClass)),
                    ("resources", ["requests": ["storage": .string(volume.size.text)]]),
                ])
            ),
        ])
    }

    /// The name of `volume` inside the pod spec. Podman 4.3 names the volume of an `emptyDir`
    /// after it host-wide, so two pods' `scratch` would be one volume: podman gets `<pod>-<name>`.
    func podVolumeName(_ volume: AgentPod.Volume) -> String {
        target.isPodman ? KubernetesStorage.claimName(pod: podName, volume: volume.name) : volume.name
    }

    /// An entry of the pod's `volumes`.
    func podVolume(_ volume: AgentPod.Volume) -> JSONValue {
        let source: (String, JSONValue)
        switch KubernetesStorage.forTier(volume.tier) {
        case .memory:
            source = ("emptyDir", .object([("medium", "Memory"), ("sizeLimit", .string(volume.size.text))]))
        case .claim:
            source = (
                "persistentVolumeClaim",
                ["claimName": .string(KubernetesStorage.claimName(pod: podName, volume: volume.name))]
            )
        }
        return .object([("name", .string(podVolumeName(volume))), source])
    }
}
