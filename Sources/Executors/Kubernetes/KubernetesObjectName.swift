/// The cluster object behind a rendered path, named as the renderer names it.
///
/// | path                        | resource                              |
/// | --------------------------- | ------------------------------------- |
/// | `<pod>/deployment.yaml`     | `deployment/<pod>`                    |
/// | `<pod>/job.yaml`            | `job/<pod>`                           |
/// | `<pod>/serviceaccount.yaml` | `serviceaccount/<pod>`                |
/// | `<pod>/networkpolicy.yaml`  | `networkpolicy/<pod>`                 |
/// | `<pod>/configmap.yaml`      | `configmap/<pod>`                     |
/// | `<pod>/pvc-<volume>.yaml`   | `persistentvolumeclaim/<pod>-<volume>` |
///
/// Any other path, or names the renderer could not have written (not DNS-1123 labels), are
/// refused, so no path can smuggle an option or another object into kubectl's argv.
struct KubernetesObjectName: Equatable {
    /// kubectl's lower-case singular resource name.
    var kind: String
    var name: String

    /// `kind/name`, as kubectl takes it.
    var resource: String { "\(kind)/\(name)" }

    init(path: String) throws(ExecutorError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, ProgramOutput.isPodName(parts[0]) else {
            throw .io(path, "not a Kubernetes object path agentplane renders (<pod>/<object>.yaml)")
        }
        let pod = parts[0]
        switch parts[1] {
        case "deployment.yaml": (kind, name) = ("deployment", pod)
        case "job.yaml": (kind, name) = ("job", pod)
        case "serviceaccount.yaml": (kind, name) = ("serviceaccount", pod)
        case "networkpolicy.yaml": (kind, name) = ("networkpolicy", pod)
        case "configmap.yaml": (kind, name) = ("configmap", pod)
        case let file where file.hasPrefix("pvc-") && file.hasSuffix(".yaml"):
            let volume = String(file.dropFirst(4).dropLast(5))
            guard ProgramOutput.isPodName(volume) else {
                throw .io(path, "not a Kubernetes object path agentplane renders (bad volume name)")
            }
            (kind, name) = ("persistentvolumeclaim", "\(pod)-\(volume)")
        default:
            throw .io(path, "not a Kubernetes object path agentplane renders (<pod>/<object>.yaml)")
        }
    }
}
