import Formats
import Rendering

/// What `podman pod ps --format json` and `podman container inspect` say about our pods.
///
/// `podman kube play` (4.3 and later) puts the Deployment's pod template labels on the pod and
/// its containers, and the Deployment's annotations on each container (not on the pod). So the
/// pod's `agentplane.dev/pod` label names the object, and the `agentplane.dev/digest`
/// annotation of its containers is the digest it claims.
struct PodmanListing {
    /// One pod `podman pod ps` listed.
    struct Pod: Equatable {
        var id: String
        var name: String
        /// Lower-case pod status: `running`, `degraded`, `exited`, `created`, `stopped`…
        var status: String
        var labels: [String: String]
        /// Ids of the pod's containers other than its infra container.
        var containerIDs: [String]
    }

    /// Reads `podman pod ps --format json`.
    static func pods(_ stdout: [UInt8], limit: Int) throws(ExecutorError) -> [Pod] {
        let document = try ProgramOutput.json(stdout, program: "podman", limit: limit, emptyValue: .array([]))
        guard let entries = document.arrayValue else {
            throw .unexpectedOutput("podman", "`pod ps --format json` printed a JSON \(document.typeName), not a list")
        }
        var pods: [Pod] = []
        for (index, entry) in entries.enumerated() {
            guard let id = entry["Id"]?.stringValue, let name = entry["Name"]?.stringValue else {
                throw .unexpectedOutput("podman", "`pod ps` entry \(index) has no Id or Name")
            }
            let infra = entry["InfraId"]?.stringValue
            let containers = (entry["Containers"]?.arrayValue ?? []).compactMap { $0["Id"]?.stringValue }
            pods.append(
                Pod(
                    id: id, name: name, status: (entry["Status"]?.stringValue ?? "unknown").lowercased(),
                    labels: ProgramOutput.stringMap(entry["Labels"]),
                    containerIDs: containers.filter { $0 != infra }.sorted()))
        }
        return pods
    }

    /// Reads `podman container inspect --format json id…` into each container's annotations.
    static func annotations(_ stdout: [UInt8], limit: Int) throws(ExecutorError) -> [String: [String: String]] {
        let document = try ProgramOutput.json(stdout, program: "podman", limit: limit, emptyValue: .array([]))
        guard let entries = document.arrayValue else {
            throw .unexpectedOutput("podman", "`container inspect` printed a JSON \(document.typeName), not a list")
        }
        var byID: [String: [String: String]] = [:]
        for (index, entry) in entries.enumerated() {
            guard let id = entry["Id"]?.stringValue else {
                throw .unexpectedOutput("podman", "`container inspect` entry \(index) has no Id")
            }
            byID[id] = ProgramOutput.stringMap(entry["Config"]?["Annotations"])
        }
        return byID
    }
}
