/// Which consumer a set of Kubernetes manifests is for; the two differ where the consumers do.
///
/// | aspect                   | `cluster` (kubectl)                  | `podman` (`podman kube play` 4.3+)   |
/// | ------------------------ | ------------------------------------ | ------------------------------------ |
/// | namespace                | the executor's namespace             | none                                 |
/// | objects                  | ServiceAccount, NetworkPolicy, PVCs, | one Deployment                       |
/// |                          | Deployment or Job                    |                                      |
/// | `restartPolicy` never    | Job (Deployments only allow Always)  | Deployment, `restartPolicy: Never`   |
/// | `restartPolicy` on-failure | Deployment (Always), annotated     | Deployment, `restartPolicy: OnFailure` |
/// | `$` in env, command, args | `$(` and `$$` doubled (the kubelet  | verbatim (podman expands nothing)    |
/// |                          | expands them)                        |                                      |
/// | claims                   | PersistentVolumeClaim objects        | named volumes `kube play` creates    |
/// |                          |                                      | from `claimName` once, reuses after  |
/// | pod volume names         | the AgentPod volume name             | `<pod>-<volume>` (podman names       |
/// |                          |                                      | `emptyDir` volumes host-wide)        |
/// | network mode none        | NetworkPolicy denying all traffic    | `kube play --network none`           |
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
