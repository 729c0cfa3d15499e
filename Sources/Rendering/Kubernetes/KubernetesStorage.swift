import PlaneModel

/// How each volume tier becomes Kubernetes storage: the one table both manifest targets read.
///
/// | tier     | pod volume                                  | storageClassName | accessModes     |
/// | -------- | ------------------------------------------- | ---------------- | --------------- |
/// | `ram`    | `emptyDir: {medium: Memory, sizeLimit: …}`  | (no claim)       | (no claim)      |
/// | `nvme`   | `persistentVolumeClaim` `<pod>-<volume>`    | `nvme`           | `ReadWriteOnce` |
/// | `object` | `persistentVolumeClaim` `<pod>-<volume>`    | `object`         | `ReadWriteMany` |
///
/// A cluster that runs agentplane pods provides StorageClasses named `nvme` (node-local fast
/// disks; one writer node) and `object` (an object-store backed class that many nodes mount).
/// Replicas of one pod share its claims. `ram` counts against the pod's memory, as tmpfs does.
public enum KubernetesStorage: Sendable {
    /// A volume backed by a claim.
    case claim(storageClassName: String, accessMode: String)
    /// A memory-backed `emptyDir` that lives and dies with the pod.
    case memory

    /// The storage a tier maps to.
    public static func forTier(_ tier: AgentPod.VolumeTier) -> KubernetesStorage {
        switch tier {
        case .ram: .memory
        case .nvme: .claim(storageClassName: "nvme", accessMode: "ReadWriteOnce")
        case .object: .claim(storageClassName: "object", accessMode: "ReadWriteMany")
        }
    }

    /// The name of the claim of `volume` in `pod`: claims are namespace-wide, so the pod name
    /// keeps two pods' `models` volumes apart.
    public static func claimName(pod: String, volume: String) -> String {
        "\(pod)-\(volume)"
    }
}
