import Planning
import Rendering

/// Settling and smoke checks for the podman executor.
extension PodmanExecutor {
    /// Waits until every container of the pods `changes` played runs (or exited 0), polling
    /// `podman ps --all` from every 0.1 s up to every second. A container that exited non-zero
    /// fails at once, with its exit status and the last lines of its log; a pod still starting
    /// at `deadline` fails as retryable. Deletes need no wait.
    ///
    /// Each poll lists only the played replicas (`--filter pod=<pod>-pod-<i>`, which podman ORs)
    /// that carry our label, so its cost follows what changed, not what the node runs.
    public func settle(_ changes: [Change], deadline: ContinuousClock.Instant) throws(ExecutorError) {
        var pending: Set<String> = []
        var replicaFilters: [String] = []
        for change in changes where change.action != .delete {
            guard let pod = try? Self.podName(ofPath: change.path), pending.insert(pod).inserted else { continue }
            let replicas = max(PodmanManifest(change.after ?? []).replicas, 1)
            replicaFilters += (0..<replicas).flatMap { ["--filter", "pod=\(pod)-pod-\($0)"] }
        }
        let query = ["ps", "--all", "--format", "json", "--filter", PodmanExecutor.ownershipFilter] + replicaFilters
        var pause = Duration.milliseconds(100)
        var lastSeen: [String: String] = [:]
        while let next = pending.min() {
            let action = "wait for pods " + pending.sorted().joined(separator: ", ")
            guard ContinuousClock.now < deadline else {
                let seen = lastSeen[next] ?? "no containers yet"
                throw .notRunningInTime("\(next)/kube.yaml", "still starting when the deadline passed (\(seen))")
            }
            let listing = try podman(query, deadline: deadline, action: action)
            let containers = try PodmanListing.containers(listing.stdout, limit: environment.outputLimit)
            for pod in pending.sorted() {
                let own = containers.filter { $0.labels[OwnershipLabel.pod] == pod }
                if let failed = own.first(where: \.hasFailed) {
                    let log = logExcerpt(failed, deadline: deadline)
                    let status = "container \(failed.name) exited with status \(failed.exitCode)"
                    throw .failedToStart("\(pod)/kube.yaml", log.isEmpty ? status : "\(status); its log ends: \(log)")
                }
                if !own.isEmpty, own.allSatisfy(\.isUp) {
                    pending.remove(pod)
                } else if !own.isEmpty {
                    lastSeen[pod] = own.map { "\($0.name) \($0.state)" }.joined(separator: ", ")
                }
            }
            if pending.isEmpty { break }
            let left = ContinuousClock.now.duration(to: deadline)
            Syscalls.sleep(min(pause, max(left, .zero)))
            pause = min(pause * 2, .seconds(1))
        }
    }

    /// The last 20 lines of `container`'s log (stdout and stderr), trimmed; empty when podman
    /// cannot show them in the time left.
    private func logExcerpt(_ container: PodmanListing.Container, deadline: ContinuousClock.Instant) -> String {
        guard let timeout = try? Deadline.remainingSeconds(until: deadline, action: "logs"),
            let command = try? podmanCommand(["logs", "--tail", "20", container.id], timeoutSeconds: min(timeout, 10)),
            let result = try? command.run()
        else { return "" }
        return (result.stdoutText + result.stderrText).trimmingWhitespace()
    }

    // MARK: - Smoke checks

    /// `podman exec <container> argv…` in the first replica (`<pod>-pod-0`): the named container
    /// (`<pod>-pod-0-<container>`), or its first container by name when none is named.
    public func exec(pod: String, container: String?, argv: [String], deadline: ContinuousClock.Instant)
        throws(ExecutorError) -> SubprocessResult
    {
        let action = "exec in pod \(pod)"
        _ = try Deadline.remainingSeconds(until: deadline, action: action)
        guard ProgramOutput.isPodName(pod) else { throw .io(pod, "not a pod name agentplane renders") }
        let replica = "\(pod)-pod-0"
        let name: String
        if let container {
            name = "\(replica)-\(container)"
        } else {
            let listing = try podman(
                ["ps", "--all", "--format", "json", "--filter", "label=\(OwnershipLabel.pod)=\(pod)"], deadline: deadline,
                action: action)
            let containers = try PodmanListing.containers(listing.stdout, limit: environment.outputLimit)
            guard
                let first = containers.first(where: {
                    $0.name.hasPrefix(replica + "-") && $0.labels[OwnershipLabel.managedBy] == OwnershipLabel.managedByValue
                })
            else {
                throw .io(replica, "no container of pod \(pod) managed by agentplane is running here")
            }
            name = first.name
        }
        let timeout = try Deadline.remainingSeconds(until: deadline, action: action)
        return try podmanCommand(["exec", name] + argv, timeoutSeconds: timeout).run()
    }
}
