import Planning
import Rendering

/// Apply for the podman executor: `podman [--connection C] kube play` of a pod's `kube.yaml`.
///
/// - create / update: `podman kube play --replace [--network none] -` with the rendered
///   manifest, unchanged, on stdin (a create first plays without `--replace`, and goes this way
///   only when a pod of its name exists). podman names the pods of a Deployment `<pod>-pod-<i>`;
///   a pod of such a name that is not ours (no `agentplane.dev/managed-by` label, or another
///   `agentplane.dev/pod`) stops the change before anything is replaced. `--replace` tears
///   down only the replicas the new manifest names, so replicas left over from a larger count
///   are removed after the play. Playing a manifest that is already played recreates the same
///   pods: a rerun after a crash is harmless.
/// - delete: every pod labelled as ours for that pod is removed (`podman pod rm --force
///   --ignore`): what `kube down` of the manifest would do, without needing the manifest (a live
///   pod has no file to read it back from). A pod already gone is a success. Named volumes
///   (claims) are kept: they hold data.
/// - settle: waits, until the deadline, for every container of the played pods to run (or to
///   have exited 0, for run-once pods); a container that exited non-zero fails the settle with
///   its exit status and the end of its log.
extension PodmanExecutor {
    public func apply(_ change: Change, deadline: ContinuousClock.Instant) throws(ExecutorError) {
        let action = "\(change.action.rawValue) \(change.path)"
        _ = try Deadline.remainingSeconds(until: deadline, action: action)
        let pod = try Self.podName(ofPath: change.path)
        switch change.action {
        case .create, .update:
            let bytes = try change.content()
            let manifest = PodmanManifest(bytes)
            if change.action == .create, try playNew(bytes, manifest: manifest, deadline: deadline, action: action) {
                return
            }
            let existing = try replicaPods(of: pod, deadline: deadline, action: action)
            if let foreign = existing.first(where: { !Self.isOurs($0, pod: pod) }) {
                throw .io(
                    foreign.name,
                    "a pod of this name exists and is not managed by agentplane for pod \(pod); "
                        + "remove or rename it to let agentplane play \(change.path)")
            }
            try podman(
                ["kube", "play", "--replace"] + manifest.playArguments + ["-"], stdin: bytes, deadline: deadline,
                action: action)
            let wanted = Set((0..<max(manifest.replicas, 0)).map { "\(pod)-pod-\($0)" })
            let leftovers = existing.map(\.name).filter { !wanted.contains($0) }.sorted()
            if !leftovers.isEmpty {
                try podman(["pod", "rm", "--force", "--ignore"] + leftovers, deadline: deadline, action: action)
            }
        case .delete:
            let listing = try podman(
                ["pod", "ps", "--format", "json", "--filter", "label=\(OwnershipLabel.pod)=\(pod)"], deadline: deadline,
                action: action)
            let ours = try PodmanListing.pods(listing.stdout, limit: environment.outputLimit).filter { Self.isOurs($0, pod: pod) }
            let names = ours.map(\.name).sorted()
            if !names.isEmpty {
                try podman(["pod", "rm", "--force", "--ignore"] + names, deadline: deadline, action: action)
            }
        }
    }

    /// Plays a created pod without `--replace`: true when it played; false when a pod of its
    /// name exists (a crashed earlier play of ours, or someone else's), which the checked replace
    /// path then sorts out. Saves the listing in the common case of a new pod.
    private func playNew(_ bytes: [UInt8], manifest: PodmanManifest, deadline: ContinuousClock.Instant, action: String)
        throws(ExecutorError) -> Bool
    {
        let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
        let command = try podmanCommand(["kube", "play"] + manifest.playArguments + ["-"], stdin: bytes, timeoutSeconds: timeout)
        let result = try command.run()
        if result.succeeded { return true }
        let stderr = result.stderrText
        if stderr.contains("already exists") || stderr.contains("is in use") { return false }
        throw .commandFailed(command.argv, status: result.status, signal: result.signal, stderr: stderr)
    }

    // MARK: - Names

    /// The pod of a `<pod>/kube.yaml` path; `io` for any other path.
    static func podName(ofPath path: String) throws(ExecutorError) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[1] == "kube.yaml", ProgramOutput.isPodName(parts[0]) else {
            throw .io(path, "not a podman object path agentplane renders (<pod>/kube.yaml)")
        }
        return parts[0]
    }

    /// True when `listed` carries our managed-by label and names `pod` as its AgentPod.
    static func isOurs(_ listed: PodmanListing.Pod, pod: String) -> Bool {
        listed.labels[OwnershipLabel.managedBy] == OwnershipLabel.managedByValue && listed.labels[OwnershipLabel.pod] == pod
    }

    /// Every pod named like a replica of `pod` (`<pod>-pod-<i>`), ours or not.
    private func replicaPods(of pod: String, deadline: ContinuousClock.Instant, action: String) throws(ExecutorError)
        -> [PodmanListing.Pod]
    {
        let listing = try podman(
            ["pod", "ps", "--format", "json", "--filter", "name=^\(pod)-pod-[0-9]+$"], deadline: deadline, action: action)
        return try PodmanListing.pods(listing.stdout, limit: environment.outputLimit)
    }

    // MARK: - Running podman

    /// `podman [--connection C] arguments…` with the time left before `deadline`, checked.
    @discardableResult
    func podman(_ arguments: [String], stdin: [UInt8] = [], deadline: ContinuousClock.Instant, action: String)
        throws(ExecutorError) -> SubprocessResult
    {
        let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
        return try podmanCommand(arguments, stdin: stdin, timeoutSeconds: timeout).runChecked()
    }

    /// The subprocess `podman [--connection C] arguments…`.
    func podmanCommand(_ arguments: [String], stdin: [UInt8] = [], timeoutSeconds: Double? = nil) throws(ExecutorError)
        -> Subprocess
    {
        let global = connection.map { ["--connection", $0] } ?? []
        return try environment.subprocess("podman", global + arguments, stdin: stdin, timeoutSeconds: timeoutSeconds)
    }
}
