/// Smoke checks on a quadlet node: `podman exec` in the container Quadlet started.
///
/// Quadlet containers are podman containers named by their unit's `ContainerName=`, which the
/// renderer sets to `<pod>-<container>`. Without a container name, the pod's first container
/// unit in name order (an owned `.container` file whose `Pod=` is `<pod>.pod`) is used. podman
/// runs on the control host as the reconciler's user, who must be the node's user for user
/// scope (rootless containers belong to the user who runs them).
extension QuadletExecutor {
    public func exec(pod: String, container: String?, argv: [String], deadline: ContinuousClock.Instant)
        throws(ExecutorError) -> SubprocessResult
    {
        let action = "exec in pod \(pod)"
        _ = try Deadline.remainingSeconds(until: deadline, action: action)
        let name: String
        if let container {
            name = "\(pod)-\(container)"
        } else {
            name = try firstContainerName(ofPod: pod)
        }
        let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
        return try environment.subprocess("podman", ["exec", name] + argv, timeoutSeconds: timeout).run()
    }

    /// The `ContainerName=` of the pod's first owned container unit, by file name.
    func firstContainerName(ofPod pod: String) throws(ExecutorError) -> String {
        let scanner = ManagedTreeScanner(root: unitDirectory, recursive: false, formats: [.unit])
        let units = try scanner.scan().filter { $0.path.hasSuffix(".container") }.sorted { $0.path < $1.path }
        for unit in units {
            guard let content = unit.content else { continue }
            let keys = Self.containerKeys(content)
            if keys["Pod"] == "\(pod).pod", let name = keys["ContainerName"] { return name }
        }
        throw .io(unitDirectory, "no container unit of pod \(pod) managed by agentplane is here")
    }

    /// `Pod=` and `ContainerName=` of a unit's `[Container]` section, as the renderer writes them.
    static func containerKeys(_ content: [UInt8]) -> [String: String] {
        var keys: [String: String] = [:]
        var section = ""
        for line in String(decoding: content, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("[") {
                section = String(line)
                continue
            }
            guard section == "[Container]", let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            if key == "Pod" || key == "ContainerName" { keys[key] = String(line[line.index(after: equals)...]) }
        }
        return keys
    }
}
