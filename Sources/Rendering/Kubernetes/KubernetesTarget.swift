/// Which consumer a set of Kubernetes manifests is for; the two differ where the consumers do.
///
/// | aspect                     | `cluster` (kubectl)                     | `podman` (`podman kube play`, 4.3+)       |
/// | -------------------------- | --------------------------------------- | ----------------------------------------- |
/// | namespace                  | the node's executor namespace           | none (podman has none)                    |
/// | objects                    | ServiceAccount, NetworkPolicy, PVCs, workload | one Deployment                      |
/// | `restartPolicy: never`     | a Job (Deployments only allow Always)   | a Deployment with `restartPolicy: Never`  |
/// | `restartPolicy: on-failure`| a Deployment (Always), policy annotated | a Deployment with `restartPolicy: OnFailure` |
/// | `$` in env, command, args  | `$(`/`$$` doubled (kubelet expands them) | verbatim (podman expands nothing)        |
/// | claims                     | PersistentVolumeClaim objects           | named volumes that `kube play` creates from `claimName` on first play and reuses after |
/// | pod volume names           | the AgentPod volume name                | `<pod>-<volume>`: podman names `emptyDir` volumes after them, host-wide |
/// | network mode none          | NetworkPolicy denying all traffic       | `podman kube play --network none`         |
enum KubernetesTarget: Hashable, Sendable {
    case cluster(namespace: String)
    case podman

    var namespace: String? {
        switch self {
        case .cluster(let namespace): namespace
        case .podman: nil
        }
    }

    var isPodman: Bool { self == .podman }
}
