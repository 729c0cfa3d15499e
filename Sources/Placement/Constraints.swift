import PlaneModel

/// The hard constraints of placement: each failed one is a line a reader understands.
enum Constraints {
    static func rejections(pod: AgentPod, node: Fleet.Node) -> [String] {
        var out: [String] = []
        if let runtime = runtimeMismatch(pod.spec.placement.runtime, node.executor.kind) {
            out.append(runtime)
        }
        if pod.spec.replicas > 1 && (node.executor.kind == .quadlet || node.executor.kind == .directory) {
            out.append("\(pod.spec.replicas) replicas need podman or kubernetes (a \(node.executor.kind.rawValue) node runs one instance)")
        }
        for (key, wanted) in pod.spec.placement.nodeSelector.sorted(by: { $0.key < $1.key }) {
            switch node.labels[key] {
            case .none: out.append("node selector \(key)=\(wanted): node has no label \(key)")
            case .some(let actual) where actual != wanted:
                out.append("node selector \(key)=\(wanted): node has \(key)=\(actual)")
            default: break
            }
        }
        let capabilities = Set(node.capabilities)
        for capability in pod.spec.placement.requires.sorted() where !capabilities.contains(capability) {
            out.append("lacks capability \(capability)")
        }
        if !node.profiles.isEmpty && !node.profiles.contains(pod.spec.profile) {
            out.append("profile \(pod.spec.profile) not allowed (allows \(node.profiles.sorted().joined(separator: ", ")))")
        }
        if let model = pod.spec.model, model.residency == .required, !node.residentModels.contains(model.id) {
            out.append("model \(model.id) must be resident and is not")
        }
        return out
    }

    /// Which executors can run a pod that asks for `runtime`. The directory executor renders
    /// Quadlet units into a folder, so it takes quadlet pods and pods that accept any runtime.
    static func runtimeMismatch(_ runtime: AgentPod.Runtime, _ executor: Fleet.ExecutorKind) -> String? {
        let fits: Bool
        switch runtime {
        case .any: fits = true
        case .quadlet: fits = executor == .quadlet || executor == .directory
        case .podman: fits = executor == .podman
        case .kubernetes: fits = executor == .kubernetes
        }
        return fits ? nil : "runtime \(runtime.rawValue) does not run on a \(executor.rawValue) node"
    }
}
