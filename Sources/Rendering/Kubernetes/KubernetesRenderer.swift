import Formats
import PlaneModel

/// Renders a placed pod as Kubernetes manifests: for a cluster (`kubernetes` executor, applied
/// with kubectl) or for `podman kube play` (`podman` executor). Pure and byte-deterministic.
///
/// Per pod, on a cluster, in apply order, one object per file under `<pod>/`:
/// `serviceaccount.yaml`, `networkpolicy.yaml` (unless the profile's network is open),
/// `pvc-<volume>.yaml` per claimed volume, then `deployment.yaml` or `job.yaml`.
/// For podman, one file `<pod>/kube.yaml` holding a Deployment (podman 4.3 runs one pod
/// `<pod>-pod-<i>` per replica, containers `<pod>-pod-<i>-<container>`).
///
/// Decisions (see also `KubernetesTarget` and `KubernetesStorage`):
/// - Restart policy: `always` → Deployment; `on-failure` → Deployment (a Deployment only allows
///   `Always`, so a container that exits 0 is restarted too; the asked policy is kept in the
///   `agentplane.dev/restart-policy` annotation); `never` → Job (`backoffLimit: 0`,
///   `parallelism` = `completions` = replicas), since a Deployment would rerun a run-once pod
///   forever. A Job's pod template is immutable: the kubernetes executor replaces (deletes and
///   recreates) a Job whose digest changed. Podman honours all three policies in a Deployment.
/// - `secretRef` → `valueFrom.secretKeyRef` with the key named like the variable unless the
///   reference names one. On podman 4.3 the podman secret `name` must hold a JSON object of
///   base64 values (`{"KEY": "c2VjcmV0"}`), which is how `kube play` reads `secretKeyRef`.
/// - Labels on every object and pod: the AgentPod's labels, `app.kubernetes.io/managed-by:
///   agentplane`, `app.kubernetes.io/name: <pod>` and our `agentplane.dev/{managed-by,pod,bundle}`;
///   annotation `agentplane.dev/digest` = SHA-256 of the object rendered without it.
/// - Security: never privileged, no privilege escalation, RuntimeDefault seccomp; a rootless
///   profile adds `runAsNonRoot` and drops all capabilities. Service account tokens are not
///   mounted and service links are off, so the environment is exactly the declared one.
/// - Network: see `networkPolicy(_:)`; allowlist pods also get the proxy in `HTTP_PROXY`,
///   `HTTPS_PROXY` and `NO_PROXY` (and lower-case forms) unless a container sets them. On
///   podman, mode none is `podman kube play --network none` (`podmanPlayArguments`); allowlist is
///   the proxy environment only, as podman cannot fence egress from a kube file.
public struct KubernetesRenderer: Sendable {
    public init() {}

    /// The manifests of a pod placed on a node with the `kubernetes` executor.
    public func render(_ placement: PodPlacement) throws(RenderError) -> [RenderedObject] {
        try manifests(placement).map(\.object)
    }

    /// The manifest of a pod placed on a node with the `podman` executor, for
    /// `podman kube play --replace` (with `podmanPlayArguments`).
    public func renderPodmanKube(_ placement: PodPlacement) throws(RenderError) -> [RenderedObject] {
        try podmanManifests(placement).map(\.object)
    }

    /// `render(_:)` together with the JSON value each file was written from.
    public func manifests(_ placement: PodPlacement) throws(RenderError) -> [KubernetesManifest] {
        guard case .kubernetes(_, let namespace) = placement.node.executor else {
            throw mismatch(placement, expected: .kubernetes)
        }
        return try KubernetesManifestBuilder(placement, target: .cluster(namespace: namespace)).manifests()
    }

    /// `renderPodmanKube(_:)` together with the JSON value each file was written from.
    public func podmanManifests(_ placement: PodPlacement) throws(RenderError) -> [KubernetesManifest] {
        guard case .podman = placement.node.executor else {
            throw mismatch(placement, expected: .podman)
        }
        return try KubernetesManifestBuilder(placement, target: .podman).manifests()
    }

    /// The options `podman kube play` needs beside the file: `--network none` when the profile
    /// allows no network (a kube file cannot say so).
    public func podmanPlayArguments(_ placement: PodPlacement) -> [String] {
        placement.profile.spec.network.mode == .none ? ["--network", "none"] : []
    }

    /// `podmanPlayArguments` read back from a rendered `kube.yaml`, for executors that hold
    /// only the files: the Deployment's `agentplane.dev/network-mode` annotation (written by
    /// the renderer, after and over the pod's own annotations) decides.
    public static func podmanPlayArguments(manifest bytes: [UInt8]) -> [String] {
        let annotation = Array("\n    agentplane.dev/network-mode: none\n".utf8)
        guard let metadataEnd = Self.firstRange(of: Array("\nspec:\n".utf8), in: bytes) else { return [] }
        let metadata = Array(bytes[..<metadataEnd]) + [UInt8(ascii: "\n")]
        return Self.firstRange(of: annotation, in: metadata) == nil
            ? [] : ["--network", "none"]
    }

    /// The start of the first occurrence of `needle` in `haystack`.
    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private func mismatch(_ placement: PodPlacement, expected: Fleet.ExecutorKind) -> RenderError {
        .executorMismatch(
            pod: placement.pod.name, node: placement.node.name,
            executor: placement.node.executor.kind.rawValue, expected: expected.rawValue)
    }
}
