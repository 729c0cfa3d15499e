import Formats
import PlaneModel

/// Containers: image, argv, env (values, secret references, the profile's proxy), ports,
/// resources, mounts and the security context.
extension KubernetesManifestBuilder {
    /// The extended resource a GPU is requested as (the NVIDIA device plugin's name).
    static let gpuResource = "nvidia.com/gpu"

    /// Proxy variables set in every container of an allowlist pod, in this order; a name the
    /// container already sets keeps the container's value. Loopback bypasses the proxy so
    /// sidecars (a llama.cpp server on 127.0.0.1) stay reachable.
    static let proxyVariables = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"]
    static let noProxy = "localhost,127.0.0.1,::1"

    func container(_ container: AgentPod.Container) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(container.name)),
            ("image", .string(container.image)),
            ("imagePullPolicy", "IfNotPresent"),
        ]
        if !container.command.isEmpty {
            members.append(("command", .array(of: container.command.map { .string(literal($0)) })))
        }
        if !container.args.isEmpty {
            members.append(("args", .array(of: container.args.map { .string(literal($0)) })))
        }
        if let workingDir = container.workingDir {
            members.append(("workingDir", .string(workingDir)))
        }
        if !container.ports.isEmpty {
            members.append(("ports", .array(of: container.ports.map(port))))
        }
        let env = environment(container)
        if !env.isEmpty {
            members.append(("env", .array(of: env)))
        }
        if let resources = resources(container.resources) {
            members.append(("resources", resources))
        }
        if !pod.spec.volumes.isEmpty {
            members.append(("volumeMounts", .array(of: sortedVolumes.map(volumeMount))))
        }
        members.append(("securityContext", securityContext))
        return .object(members)
    }

    // MARK: - Environment

    /// The container's variables in their order (later ones may refer to earlier ones), then
    /// the proxy variables. A `secretRef` without a key reads the key named like the variable.
    func environment(_ container: AgentPod.Container) -> [JSONValue] {
        var out: [JSONValue] = container.env.map { variable in
            switch variable.source {
            case .value(let value):
                .object([("name", .string(variable.name)), ("value", .string(literal(value)))])
            case .secretRef(let name, let key):
                .object([
                    ("name", .string(variable.name)),
                    (
                        "valueFrom",
                        [
                            "secretKeyRef": .object([
                                ("name", .string(name)), ("key", .string(key ?? variable.name)),
                            ])
                        ]
                    ),
                ])
            }
        }
        if let proxy {
            let taken = Set(container.env.map(\.name))
            for name in Self.proxyVariables where !taken.contains(name) {
                let value = name.lowercased() == "no_proxy" ? Self.noProxy : proxy.url
                out.append(.object([("name", .string(name)), ("value", .string(literal(value)))]))
            }
        }
        return out
    }

    /// `text` as the container must see it. The kubelet expands `$(NAME)` and turns `$$` into
    /// `$` in env values, command and args, so on a cluster every `$` that starts either is
    /// doubled; podman expands nothing, so its manifests carry the text verbatim.
    func literal(_ text: String) -> String {
        guard !target.isPodman, text.contains("$") else { return text }
        var out = ""
        out.reserveCapacity(text.count + 4)
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            out.unicodeScalars.append(scalar)
            if scalar == "$", next == "$" || next == "(" { out.unicodeScalars.append("$") }
            current = next
        }
        return out
    }

    // MARK: - Ports, resources, mounts, security

    func port(_ port: AgentPod.Port) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let name = port.name { members.append(("name", .string(name))) }
        members.append(("containerPort", .number(port.containerPort)))
        if let hostPort = port.hostPort { members.append(("hostPort", .number(hostPort))) }
        members.append(("protocol", .string(port.protocol.rawValue.uppercased())))
        return .object(members)
    }

    /// Requests equal limits for CPU and memory (what the pod asks for is what it may use); a
    /// GPU is a limit only, as Kubernetes requires for extended resources. Nil when empty.
    func resources(_ resources: Resources) -> JSONValue? {
        var quantities: [(String, JSONValue)] = []
        if let cpu = resources.cpu { quantities.append(("cpu", .string(cpu.text))) }
        if let memory = resources.memory { quantities.append(("memory", .string(memory.text))) }
        var limits = quantities
        if let gpu = resources.gpu, gpu > 0 { limits.append((Self.gpuResource, .number(gpu))) }
        guard !limits.isEmpty else { return nil }
        var members: [(String, JSONValue)] = [("limits", .object(limits))]
        if !quantities.isEmpty { members.append(("requests", .object(quantities))) }
        return .object(members)
    }

    func volumeMount(_ volume: AgentPod.Volume) -> JSONValue {
        .object([("name", .string(podVolumeName(volume))), ("mountPath", .string(volume.mountPath))])
    }

    /// Never privileged, no privilege escalation, the runtime's seccomp profile; a rootless
    /// profile also drops every capability and refuses images that run as root
    /// (`runAsNonRoot`; podman 4.3 does not enforce that field, the kubelet does).
    var securityContext: JSONValue {
        var members: [(String, JSONValue)] = [
            ("allowPrivilegeEscalation", false),
            ("privileged", false),
        ]
        if profile.spec.containers.rootless {
            members.append(("runAsNonRoot", true))
            members.append(("capabilities", ["drop": ["ALL"]]))
        }
        members.append(("seccompProfile", ["type": "RuntimeDefault"]))
        return .object(members)
    }
}
