import PlaneModel
import Rendering

/// Which renderer serves which executor: Quadlet units for quadlet nodes and for the embedded
/// directory executor, `podman kube play` manifests for podman nodes, Kubernetes manifests for
/// kubernetes nodes.
public enum RenderSelection {
    public static func render(_ placement: PodPlacement) throws(RenderError) -> [RenderedObject] {
        switch placement.node.executor.kind {
        case .directory, .quadlet:
            return try QuadletRenderer().render(placement)
        case .podman:
            return try KubernetesRenderer().renderPodmanKube(placement)
        case .kubernetes:
            return try KubernetesRenderer().render(placement)
        }
    }
}
