import Foundation
import PlaneModel
import Rendering

/// The `podman` executor: pods run with `podman kube play`, locally or through a `podman system
/// connection`.
///
/// Observe lists the pods labelled `agentplane.dev/managed-by=agentplane`
/// (`podman pod ps --format json --filter label=…`) and inspects their containers for the
/// digest annotation. Each pod maps back to the object `<pod>/kube.yaml` through its
/// `agentplane.dev/pod` label; the replicas of one Deployment (`<pod>-pod-0`, `-1`…) are one
/// object. A live pod has no file, so the actual digest is unknown (nil); the claimed digest is
/// nil when the replicas disagree (a half-finished replace), which plans an update. Pods without
/// our label, or whose pod label is not a pod name agentplane could have rendered, are not ours.
public struct PodmanExecutor: Executor {
    public let node: Fleet.Node
    /// The `podman system connection` to use, or nil for the local podman.
    public let connection: String?
    let environment: ExecutorEnvironment

    public init(node: Fleet.Node, connection: String?, environment: ExecutorEnvironment) {
        self.node = node
        self.connection = connection
        self.environment = environment
    }

    /// The label filter of every listing.
    static let ownershipFilter = "label=\(OwnershipLabel.managedBy)=\(OwnershipLabel.managedByValue)"

    public func observe() throws(ExecutorError) -> NodeObservation {
        // A container can go away between the listing and the inspection (another reconciler, a
        // `kube down`, a crash-looping replica): look again, a bounded number of times.
        var attempt = 1
        while true {
            do {
                return try observeOnce()
            } catch let error where Self.isVanishedContainer(error) && attempt < Self.observeAttempts {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// How many times observe lists and inspects before a vanishing container is an error.
    static let observeAttempts = 6

    private func observeOnce() throws(ExecutorError) -> NodeObservation {
        let listing = try podman(["pod", "ps", "--format", "json", "--filter", Self.ownershipFilter])
        let pods = try PodmanListing.pods(listing.stdout, limit: environment.outputLimit).filter { pod in
            pod.labels[OwnershipLabel.managedBy] == OwnershipLabel.managedByValue
                && pod.labels[OwnershipLabel.pod].map(ProgramOutput.isPodName) == true
        }
        let containerIDs = pods.flatMap(\.containerIDs)
        var annotations: [String: [String: String]] = [:]
        if !containerIDs.isEmpty {
            let inspected = try podman(["container", "inspect", "--format", "json"] + containerIDs)
            annotations = try PodmanListing.annotations(inspected.stdout, limit: environment.outputLimit)
        }
        var replicas: [String: [PodmanListing.Pod]] = [:]
        for pod in pods {
            if let name = pod.labels[OwnershipLabel.pod] { replicas[name, default: []].append(pod) }
        }
        let objects = replicas.map { name, pods in
            Self.object(pod: name, replicas: pods, annotations: annotations)
        }
        return NodeObservation(node: node.name, objects: objects)
    }

    /// One object for all replicas of pod `name`.
    static func object(
        pod name: String, replicas: [PodmanListing.Pod], annotations: [String: [String: String]]
    ) -> ObservedObject {
        let digests = Set(replicas.flatMap { $0.containerIDs.map { annotations[$0]?[OwnershipLabel.digest] } })
        var claimed: String? = digests.count == 1 ? digests.first ?? nil : nil
        if let digest = claimed, !Digest.isSHA256(digest) { claimed = nil }
        let statuses = Set(replicas.map(\.status)).sorted()
        let state = statuses.count == 1 ? statuses[0] : statuses.joined(separator: "/")
        return ObservedObject(path: "\(name)/kube.yaml", claimedDigest: claimed, state: state)
    }

    /// `podman [--connection C] arguments…` with the observe timeout, checked.
    func podman(_ arguments: [String]) throws(ExecutorError) -> SubprocessResult {
        try podmanCommand(arguments).runChecked()
    }

    static func isVanishedContainer(_ error: ExecutorError) -> Bool {
        guard case .commandFailed(_, _, _, let stderr) = error.reason else { return false }
        return stderr.lowercased().contains("no such container")
    }
}
