import Planning

/// Apply for the kubernetes executor: kubectl against the node's context and namespace.
///
/// - create / update: `kubectl [--context C] -n NS apply --server-side
///   --field-manager=agentplane --force-conflicts -f -` with the rendered manifest, unchanged,
///   on stdin. Server-side apply of an unchanged manifest changes nothing, so a rerun is
///   harmless. A Job's pod template is immutable: an updated Job is deleted first
///   (`delete job/<pod> --ignore-not-found`), then applied.
/// - delete: `kubectl [--context C] -n NS delete <kind>/<name> --ignore-not-found`, the name
///   taken from the object's path as the renderer names objects (`<pod>/deployment.yaml` →
///   `deployment/<pod>`, `<pod>/pvc-<volume>.yaml` → `persistentvolumeclaim/<pod>-<volume>`).
///   Pruning is these planned deletes: observe lists only objects with our labels.
/// - settle: `rollout status deployment/<pod> --timeout=<seconds left>s` for every Deployment
///   created or updated, one after the other, so settle returns once each is rolled out.
extension KubernetesExecutor {
    /// The `kubectl apply` arguments.
    static let applyArguments = ["apply", "--server-side", "--field-manager=agentplane", "--force-conflicts", "-f", "-"]

    public func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError) {
        let action = "\(change.action.rawValue) \(change.path)"
        _ = try Deadline.remainingSeconds(until: deadline, action: action)
        let object = try KubernetesObjectName(path: change.path)
        switch change.action {
        case .create, .update:
            let manifest = try change.content()
            if change.action == .update, object.kind == "job" {
                let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
                _ = try kubectl(["delete", object.resource, "--ignore-not-found"], timeoutSeconds: timeout)
            }
            let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
            _ = try kubectl(Self.applyArguments, stdin: manifest, timeoutSeconds: timeout)
        case .delete:
            let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
            _ = try kubectl(["delete", object.resource, "--ignore-not-found"], timeoutSeconds: timeout)
        }
    }

    public func settle(_ changes: [Change], deadline: ContinuousClock.Instant) throws(ExecutorError) {
        var seen: Set<String> = []
        for change in changes where change.action != .delete {
            guard let object = try? KubernetesObjectName(path: change.path), object.kind == "deployment",
                seen.insert(object.resource).inserted
            else { continue }
            let action = "rollout status \(object.resource)"
            let remaining = try Deadline.remainingSeconds(until: deadline, action: action)
            // kubectl stops a second early, so its own message (not our kill) reports the wait.
            let wait = max(1, Int((remaining - 1).rounded(.down)))
            _ = try kubectl(["rollout", "status", object.resource, "--timeout=\(wait)s"], timeoutSeconds: remaining)
        }
    }

    /// `kubectl exec deploy/<pod> [-c container] -- argv…`: the command runs in one pod of the
    /// Deployment (kubectl picks it), in `container` or the pod's default container.
    public func exec(pod: String, container: String?, argv: [String], deadline: ContinuousClock.Instant)
        throws(ExecutorError) -> SubprocessResult
    {
        let timeout = try Deadline.remainingSeconds(until: deadline, action: "exec in pod \(pod)")
        guard ProgramOutput.isPodName(pod) else { throw .io(pod, "not a pod name agentplane renders") }
        var arguments = ["exec", "deploy/\(pod)"]
        if let container { arguments += ["-c", container] }
        return try kubectlCommand(arguments + ["--"] + argv, timeoutSeconds: timeout).run()
    }
}
