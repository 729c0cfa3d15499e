import PlaneModel

extension QuadletPodPlan {
    /// Environment names the profile's proxy sets in every container of an allowlist pod.
    static let proxyVariables = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"]

    /// Hosts that never go through the proxy: the pod's own loopback (sidecars such as a model
    /// server listen there).
    static let noProxy = "localhost,127.0.0.1,::1"

    func containerUnit(_ container: AgentPod.Container, index: Int) throws(RenderError) -> QuadletUnit {
        let site = root.child("spec").child("containers").child(index)
        var unit = QuadletUnit()
        try addDescription("agentplane: container \(container.name) of pod \(podName)", to: &unit)
        unit.add("Container", "ContainerName", try UnitValueEscaping.verbatim(podmanName(container.name), at: site.child("name")))
        guard ImageReference(container.image) != nil else {
            throw .unqualifiedImage(pod: podName, pointer: site.child("image").pointer, image: container.image)
        }
        unit.add("Container", "Image", try UnitValueEscaping.verbatim(container.image, at: site.child("image")))
        unit.add("Container", "Pod", try UnitValueEscaping.verbatim(podFile, at: root))
        try addOwnershipLabels(to: &unit, section: "Container")
        try addEnvironment(of: container, at: site, to: &unit)
        try addVolumeMounts(at: site, to: &unit)
        if let workingDir = container.workingDir {
            unit.add("Container", "WorkingDir", try UnitValueEscaping.verbatim(workingDir, at: site.child("workingDir")))
        }
        try addResources(container.resources, at: site.child("resources"), to: &unit)
        if !container.command.isEmpty {
            // Command and arguments together as the JSON entrypoint: replaces the image's
            // ENTRYPOINT and CMD, as Kubernetes `command` does, and carries every argument.
            for (argIndex, argument) in container.args.enumerated() {
                try UnitValueEscaping.refuseControlCharacters(argument, at: site.child("args").child(argIndex))
            }
            unit.add("Container", "Entrypoint", try UnitValueEscaping.jsonArray(container.command + container.args, at: site.child("command")))
        } else if !container.args.isEmpty {
            unit.add("Container", "Exec", try UnitValueEscaping.words(container.args, at: site.child("args")))
        }
        unit.add("Service", "Restart", restartValue)
        unit.add("Service", "TimeoutStartSec", startTimeout)
        return unit
    }

    var restartValue: String {
        switch placement.pod.spec.restartPolicy {
        case .always: "always"
        case .onFailure: "on-failure"
        case .never: "no"
        }
    }

    // MARK: - Environment and secrets

    private func addEnvironment(of container: AgentPod.Container, at site: ValueSite, to unit: inout QuadletUnit) throws(RenderError) {
        var values: [(name: String, value: String, index: Int?)] = []
        var secrets: [(target: String, secret: String, index: Int)] = []
        var indexByName: [String: Int] = [:]
        for (envIndex, variable) in container.env.enumerated() {
            try Self.requireEnvironmentName(variable.name, at: site.child("env").child(envIndex).child("name"))
            if let earlier = indexByName.updateValue(envIndex, forKey: variable.name) {
                let env = site.child("env")
                throw .nameCollision(
                    pod: podName, name: "env \(variable.name)",
                    reason: "set twice (\(env.child(earlier).pointer) and \(env.child(envIndex).pointer))")
            }
            switch variable.source {
            case .value(let value):
                try UnitValueEscaping.refuseControlCharacters(value, at: site.child("env").child(envIndex).child("value"))
                values.append((variable.name, value, envIndex))
            case .secretRef(let name, let key):
                let secret = try podmanSecretName(name: name, key: key, at: site.child("env").child(envIndex).child("secretRef"))
                secrets.append((variable.name, secret, envIndex))
            }
        }
        if networkMode == .allowlist, let proxy = profile.spec.network.proxy {
            for name in Self.proxyVariables {
                if let envIndex = indexByName[name] {
                    throw .unsupported(
                        pod: podName, pointer: site.child("env").child(envIndex).pointer,
                        reason: "\(name) is set by the profile's egress proxy in every container of an allowlist pod"
                    )
                }
                values.append((name, name.lowercased() == "no_proxy" ? Self.noProxy : proxy, nil))
            }
        }
        for entry in values.sorted(by: { $0.name < $1.name }) {
            let line = try UnitValueEscaping.word(
                "\(entry.name)=\(entry.value)",
                at: entry.index.map { site.child("env").child($0).child("value") }
                    ?? ValueSite(pod: self.podName, pointer: "profile:/spec/network/proxy"))
            unit.add("Container", "Environment", line)
        }
        for entry in secrets.sorted(by: { $0.target < $1.target }) {
            let line = try UnitValueEscaping.word(
                "\(entry.secret),type=env,target=\(entry.target)", at: site.child("env").child(entry.index))
            unit.add("Container", "Secret", line)
        }
    }

    /// The Podman secret a `secretRef` names: `name`, or `name.key` when it names a key (a
    /// Podman secret holds one value, a Kubernetes Secret many).
    private func podmanSecretName(name: String, key: String?, at site: @autoclosure () -> ValueSite) throws(RenderError) -> String {
        try Self.requireSecretPart(name, at: site().child("name"))
        guard let key else { return name }
        try Self.requireSecretPart(key, at: site().child("key"))
        return "\(name).\(key)"
    }

    /// Secret names and keys go into `Secret=` as comma-separated options: letters, digits,
    /// `.`, `_`, `-`, starting with a letter or digit.
    private static func requireSecretPart(_ text: String, at site: @autoclosure () -> ValueSite) throws(RenderError) {
        let scalars = Array(text.unicodeScalars)
        let valid =
            !scalars.isEmpty && scalars.count <= 253
            && scalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
            && (scalars.first?.isASCIIAlphanumeric ?? false)
        if !valid {
            let site = site()
            throw .unrepresentableValue(
                pod: site.pod, pointer: site.pointer, value: text,
                reason: "a Podman secret reference may use letters, digits, '.', '_' and '-' only"
            )
        }
    }

    /// An environment name is the part before the first `=` of `--env NAME=value`; it may not
    /// be empty or contain `=` or `,` (a `Secret=` option separator).
    private static func requireEnvironmentName(_ name: String, at site: @autoclosure () -> ValueSite) throws(RenderError) {
        try UnitValueEscaping.refuseControlCharacters(name, at: site())
        if name.isEmpty || name.utf8.contains(UInt8(ascii: "=")) || name.utf8.contains(UInt8(ascii: ",")) {
            let site = site()
            throw .unrepresentableValue(pod: site.pod, pointer: site.pointer, value: name, reason: "an environment name may not be empty or contain '=' or ','")
        }
    }

    // MARK: - Volumes and resources

    /// Every volume of the pod is mounted in every container, at the volume's `mountPath`.
    private func addVolumeMounts(at site: ValueSite, to unit: inout QuadletUnit) throws(RenderError) {
        for volume in volumes {
            let mountSite = root.child("spec").child("volumes").child(volumeIndex[volume.name] ?? 0).child("mountPath")
            guard volume.mountPath.hasPrefix("/"), !volume.mountPath.contains(":") else {
                throw .unrepresentableValue(
                    pod: podName, pointer: mountSite.pointer, value: volume.mountPath,
                    reason: "a mount path must be absolute and may not contain ':' (Podman's -v separator)"
                )
            }
            let mount = try UnitValueEscaping.verbatim(volume.mountPath, at: mountSite)
            unit.add("Container", "Volume", "\(volumeFile(volume.name)):\(mount)")
        }
    }

    private func addResources(_ resources: Resources, at site: ValueSite, to unit: inout QuadletUnit) throws(RenderError) {
        if let gpu = resources.gpu, gpu > 0 {
            unit.add("Container", "AddDevice", "nvidia.com/gpu=all")
        }
        if let cpu = resources.cpu {
            guard let cores = QuantityConversion.cores(cpu) else {
                throw .invalidQuantity(pod: podName, pointer: site.child("cpu").pointer, value: cpu.text)
            }
            if cores != "0" {
                unit.add("Container", "PodmanArgs", try UnitValueEscaping.word("--cpus=\(cores)", at: site.child("cpu")))
            }
        }
        if let memory = resources.memory {
            guard let bytes = QuantityConversion.bytes(memory) else {
                throw .invalidQuantity(pod: podName, pointer: site.child("memory").pointer, value: memory.text)
            }
            if bytes > 0 {
                unit.add("Container", "PodmanArgs", try UnitValueEscaping.word("--memory=\(bytes)", at: site.child("memory")))
            }
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
