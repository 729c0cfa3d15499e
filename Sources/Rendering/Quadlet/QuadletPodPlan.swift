import Formats
import PlaneModel

/// The names, scope and checks shared by every file of one pod, worked out once before rendering.
final class QuadletPodPlan {
    let placement: PodPlacement
    let podName: String
    let scope: Fleet.Scope
    /// Containers sorted by name, with their index in `spec.containers` (for error pointers).
    let containers: [(index: Int, container: AgentPod.Container)]
    /// Volumes sorted by name.
    let volumes: [AgentPod.Volume]
    /// Volume name → index in `spec.volumes`.
    let volumeIndex: [String: Int]
    /// Ownership labels every object carries (without the digest).
    let ownership: [String: String]
    /// The same labels as `key=value`, sorted by key.
    let ownershipPairs: [String]

    init(_ placement: PodPlacement) throws(RenderError) {
        let pod = placement.pod
        self.placement = placement
        self.podName = pod.name
        let root = ValueSite(pod: pod.name, pointer: "")

        if pod.spec.replicas != 1 {
            throw .unsupported(
                pod: pod.name, pointer: "/spec/replicas",
                reason: "replicas is \(pod.spec.replicas): a Quadlet node runs one instance of a pod; place it on a Kubernetes node or use replicas 1"
            )
        }
        try Self.requireUnitName(pod.name, at: root.child("metadata").child("name"))
        try Self.requireUnitName(placement.bundle.name, at: ValueSite(pod: pod.name, pointer: "/spec/bundle"))

        switch placement.node.executor {
        case .quadlet(_, let scope, _): self.scope = scope
        default: self.scope = placement.profile.spec.containers.rootless ? .user : .system
        }

        self.containers = pod.spec.containers.enumerated().map { ($0.offset, $0.element) }.sorted { $0.1.name < $1.1.name }
        self.volumes = pod.spec.volumes.sorted { $0.name < $1.name }
        var volumeIndex: [String: Int] = [:]
        for (index, volume) in pod.spec.volumes.enumerated() { volumeIndex[volume.name] = index }
        self.volumeIndex = volumeIndex
        self.ownership = [
            OwnershipLabel.managedBy: OwnershipLabel.managedByValue,
            OwnershipLabel.pod: pod.name,
            OwnershipLabel.bundle: placement.bundle.name,
        ]
        self.ownershipPairs = ownership.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        try checkNames()
    }

    var profile: Profile { placement.profile }
    var bundle: Bundle { placement.bundle }
    var networkMode: Profile.NetworkMode { profile.spec.network.mode }
    var root: ValueSite { ValueSite(pod: podName, pointer: "") }

    // MARK: - File and object names

    var podFile: String { "\(podName).pod" }
    var networkFile: String { "\(podName).network" }
    func volumeFile(_ volume: String) -> String { "\(podName)-\(volume).volume" }
    func containerFile(_ container: String) -> String { "\(podName)-\(container).container" }

    /// Podman names of the objects: the pod and its network are named after the AgentPod,
    /// containers and volumes `<pod>-<name>`.
    func podmanName(_ component: String) -> String { "\(podName)-\(component)" }

    /// The systemd services Quadlet generates; two files of one pod must not share one.
    private func serviceNames() -> [(service: String, of: String)] {
        var names: [(String, String)] = [("\(podName)-pod.service", "the pod")]
        if networkMode == .allowlist { names.append(("\(podName)-network.service", "the network")) }
        for volume in volumes { names.append(("\(podName)-\(volume.name)-volume.service", "volume \(volume.name)")) }
        for (_, container) in containers { names.append(("\(podName)-\(container.name).service", "container \(container.name)")) }
        return names
    }

    private func checkNames() throws(RenderError) {
        for (index, container) in placement.pod.spec.containers.enumerated() {
            try Self.requireUnitName(container.name, at: root.child("spec").child("containers").child(index).child("name"))
        }
        for (index, volume) in placement.pod.spec.volumes.enumerated() {
            try Self.requireUnitName(volume.name, at: root.child("spec").child("volumes").child(index).child("name"))
        }
        var seen: [String: String] = [:]
        for (service, owner) in serviceNames() {
            if let other = seen[service] {
                throw .nameCollision(pod: podName, name: service, reason: "\(other) and \(owner) would both generate it; rename one")
            }
            seen[service] = owner
        }
    }

    /// Names become file and unit names: they must be DNS-1123 labels (validation already
    /// requires it; the renderer does not trust that with a file name). Checked on the name's
    /// bytes (a label is ASCII); the site is built only for the error.
    static func requireUnitName(_ name: String, at site: @autoclosure () -> ValueSite) throws(RenderError) {
        let bytes = name.utf8
        let valid =
            !bytes.isEmpty && bytes.count <= 63
            && bytes.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
            && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-")
        if !valid {
            let site = site()
            throw .unrepresentableValue(
                pod: site.pod, pointer: site.pointer, value: name,
                reason: "it names a unit file and must be a DNS-1123 label (a-z, 0-9, '-', at most 63)"
            )
        }
    }

    // MARK: - Shared pieces

    /// `Label=key=value` lines for the ownership labels, sorted by key.
    func addOwnershipLabels(to unit: inout QuadletUnit, section: String) throws(RenderError) {
        for pair in ownershipPairs {
            unit.add(section, "Label", try UnitValueEscaping.word(pair, at: root))
        }
    }

    /// `[Unit] Description=`; built from names only (systemd expands specifiers there).
    func addDescription(_ text: String, to unit: inout QuadletUnit) throws(RenderError) {
        unit.add("Unit", "Description", try UnitValueEscaping.verbatim(text, at: root))
    }

    var startTimeout: String { String(bundle.spec.maxRunSeconds) }

    var installTarget: String {
        switch scope {
        case .user: "default.target"
        case .system: "multi-user.target"
        }
    }

    /// Wraps a finished unit as a RenderedObject with the ownership labels and its digest.
    func object(_ unit: QuadletUnit, path: String, kind: RenderedObject.ObjectKind) -> RenderedObject {
        let (bytes, contentDigest) = unit.render()
        var labels = ownership
        labels[OwnershipLabel.digest] = contentDigest
        return RenderedObject(path: path, bytes: bytes, kind: kind, labels: labels)
    }
}
