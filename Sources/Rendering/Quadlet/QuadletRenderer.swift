import PlaneModel

/// Renders one placed AgentPod as Podman Quadlet files (podman-systemd.unit(5), Podman 5.x).
///
/// Per pod, in apply order:
/// - `<pod>.network` when the profile's network mode is `allowlist`: the pod gets its own
///   network, and every container gets the profile's proxy as `HTTP_PROXY`/`HTTPS_PROXY`/
///   `NO_PROXY` (and the lower-case spellings that curl and most libraries read). Mode `none`
///   gives the pod `Network=none` (loopback only); mode `open` leaves Podman's default network.
/// - `<pod>-<volume>.volume` per volume. Tier `ram` is a tmpfs-backed named volume with a size
///   limit, shared by every container of the pod (a per-container `Tmpfs=` could not be shared);
///   Podman 5 mounts it with `mount -t tmpfs -o size=…`. Tiers `nvme` and `object` are plain
///   local named volumes on the node's container storage: Podman's local driver can enforce a
///   size only on XFS with project quotas, so the size is not enforced there.
/// - `<pod>.pod` with `PodName=<pod>`, the network, published ports (`hostPort:containerPort/proto`
///   for ports that name a host port), the ownership labels (as `PodmanArgs=--label …`, since
///   `[Pod]` has no `Label=` key before Podman 5.6), the bundle's `maxRunSeconds` as
///   `TimeoutStartSec=`, and `[Install] WantedBy=` (`default.target` for user scope,
///   `multi-user.target` for system scope). Starting the pod starts its containers.
/// - `<pod>-<container>.container` per container, joined with `Pod=<pod>.pod`: image, labels,
///   environment, secrets (`Secret=NAME,type=env,target=VAR`), volumes, working directory, GPUs
///   (`AddDevice=nvidia.com/gpu=all`, the CDI device of the NVIDIA container toolkit: Quadlet has
///   no GPU allocator, so a pod that asks for GPUs sees all of the node's GPUs and placement's
///   capacity accounting keeps the count honest), `--cpus`/`--memory`, the command as a JSON
///   `Entrypoint=` (which carries any argument, `;` included) or the arguments alone as `Exec=`,
///   and `[Service] Restart=` and `TimeoutStartSec=`.
///
/// Scope comes from the node's quadlet executor; other executors use the profile's `rootless`
/// flag (rootless → user scope). A pod with more than one replica is refused: a Quadlet node runs
/// one instance of a unit.
public struct QuadletRenderer: Sendable {
    public init() {}

    /// The files of `placement`, in apply order: network, volumes, pod, containers.
    public func render(_ placement: PodPlacement) throws(RenderError) -> [RenderedObject] {
        let plan = try QuadletPodPlan(placement)
        var objects: [RenderedObject] = []
        if let network = try plan.networkUnit() {
            objects.append(plan.object(network, path: plan.networkFile, kind: .quadletNetwork))
        }
        for volume in plan.volumes {
            objects.append(plan.object(try plan.volumeUnit(volume), path: plan.volumeFile(volume.name), kind: .quadletVolume))
        }
        objects.append(plan.object(try plan.podUnit(), path: plan.podFile, kind: .quadletPod))
        for (index, container) in plan.containers {
            objects.append(
                plan.object(
                    try plan.containerUnit(container, index: index),
                    path: plan.containerFile(container.name),
                    kind: .quadletContainer
                ))
        }
        return objects
    }
}
