import PlaneModel

extension QuadletPodPlan {
    // MARK: - .network

    /// The pod's own network when the profile's mode is `allowlist`, else nil.
    ///
    /// Not `Internal=`: the containers must reach the profile's proxy, which enforces the allow
    /// list; the network keeps the pod apart from other pods' networks.
    func networkUnit() throws(RenderError) -> QuadletUnit? {
        guard networkMode == .allowlist else { return nil }
        var unit = QuadletUnit()
        try addDescription("agentplane: network of pod \(podName)", to: &unit)
        unit.add("Network", "NetworkName", try UnitValueEscaping.verbatim(podName, at: root))
        try addOwnershipLabels(to: &unit, section: "Network")
        return unit
    }

    // MARK: - .volume

    func volumeUnit(_ volume: AgentPod.Volume) throws(RenderError) -> QuadletUnit {
        let site = root.child("spec").child("volumes").child(volumeIndex[volume.name] ?? 0)
        var unit = QuadletUnit()
        try addDescription("agentplane: volume \(volume.name) of pod \(podName) (tier \(volume.tier.rawValue))", to: &unit)
        unit.add("Volume", "VolumeName", try UnitValueEscaping.verbatim(podmanName(volume.name), at: site.child("name")))
        if volume.tier == .ram {
            guard let bytes = QuantityConversion.bytes(volume.size), bytes > 0 else {
                throw .invalidQuantity(pod: podName, pointer: site.child("size").pointer, value: volume.size.text)
            }
            unit.add("Volume", "Device", "tmpfs")
            unit.add("Volume", "Type", "tmpfs")
            unit.add("Volume", "Options", try UnitValueEscaping.verbatim("size=\(bytes)", at: site.child("size")))
        }
        try addOwnershipLabels(to: &unit, section: "Volume")
        return unit
    }

    // MARK: - .pod

    func podUnit() throws(RenderError) -> QuadletUnit {
        var unit = QuadletUnit()
        try addDescription("agentplane: pod \(podName) of bundle \(bundle.name)", to: &unit)
        unit.add("Pod", "PodName", try UnitValueEscaping.verbatim(podName, at: root.child("metadata").child("name")))
        switch networkMode {
        case .none: unit.add("Pod", "Network", "none")
        case .allowlist: unit.add("Pod", "Network", try UnitValueEscaping.verbatim(networkFile, at: root))
        case .open: break
        }
        for port in try publishedPorts() {
            unit.add("Pod", "PublishPort", try UnitValueEscaping.verbatim(port, at: root))
        }
        for pair in ownershipPairs {
            unit.add("Pod", "PodmanArgs", try UnitValueEscaping.words(["--label", pair], at: root))
        }
        unit.add("Service", "TimeoutStartSec", startTimeout)
        unit.add("Install", "WantedBy", installTarget)
        return unit
    }

    /// `hostPort:containerPort/protocol` for every container port that names a host port, sorted
    /// by host port and protocol. Containers of a pod share its network namespace, so ports are
    /// published on the pod.
    func publishedPorts() throws(RenderError) -> [String] {
        var published: [(host: Int, proto: String, text: String, site: ValueSite)] = []
        for (index, container) in containers {
            for (portIndex, port) in container.ports.enumerated() {
                guard let host = port.hostPort else { continue }
                let site = root.child("spec").child("containers").child(index).child("ports").child(portIndex)
                guard (1...65535).contains(host), (1...65535).contains(port.containerPort) else {
                    throw .unsupported(pod: podName, pointer: site.pointer, reason: "ports must be 1–65535")
                }
                if networkMode == .none {
                    throw .unsupported(
                        pod: podName, pointer: site.child("hostPort").pointer,
                        reason: "the profile's network mode is none: a pod without a network cannot publish host port \(host)"
                    )
                }
                let proto = port.protocol.rawValue
                published.append((host, proto, "\(host):\(port.containerPort)/\(proto)", site))
            }
        }
        published.sort { ($0.host, $0.proto, $0.text) < ($1.host, $1.proto, $1.text) }
        for (previous, next) in zip(published, published.dropFirst()) where previous.host == next.host && previous.proto == next.proto {
            throw .nameCollision(
                pod: podName, name: "host port \(next.host)/\(next.proto)",
                reason: "published twice (\(previous.site.pointer) and \(next.site.pointer))"
            )
        }
        return published.map(\.text)
    }
}
