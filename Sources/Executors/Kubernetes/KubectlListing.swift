import Formats
import PlaneModel
import Rendering

/// Maps the items of `kubectl get … -o json` back to the objects the Kubernetes renderer writes.
///
/// | kind                    | object path                 | state                                |
/// | ----------------------- | --------------------------- | ------------------------------------ |
/// | Deployment              | `<pod>/deployment.yaml`     | `available (2/2)`, `progressing (0/2)`, `stalled (0/2)` |
/// | Job                     | `<pod>/job.yaml`            | `complete`, `failed`, `active`       |
/// | ServiceAccount          | `<pod>/serviceaccount.yaml` | none                                 |
/// | NetworkPolicy           | `<pod>/networkpolicy.yaml`  | none                                 |
/// | PersistentVolumeClaim   | `<pod>/pvc-<volume>.yaml`   | the phase: `bound`, `pending`, `lost` |
///
/// `<pod>` is the `agentplane.dev/pod` label and `<volume>` the `agentplane.dev/volume`
/// annotation of a claim. An item without `agentplane.dev/managed-by: agentplane`, of another
/// kind, or whose names are not ones the renderer could have written, is not ours.
enum KubectlListing {
    /// The resource types asked for, in the order of the table above.
    static let resourceTypes = "deployments,jobs,serviceaccounts,networkpolicies,persistentvolumeclaims"

    static func objects(_ stdout: [UInt8], limit: Int) throws(ExecutorError) -> [ObservedObject] {
        let document = try ProgramOutput.json(stdout, program: "kubectl", limit: limit)
        guard let items = document["items"]?.arrayValue else {
            throw .unexpectedOutput("kubectl", "`get -o json` printed no \"items\" list (a JSON \(document.typeName))")
        }
        return items.compactMap(object)
    }

    /// The observed object of one item, or nil when it is not ours.
    static func object(_ item: JSONNode) -> ObservedObject? {
        let metadata = item["metadata"]
        let labels = ProgramOutput.stringMap(metadata?["labels"])
        let annotations = ProgramOutput.stringMap(metadata?["annotations"])
        guard labels[OwnershipLabel.managedBy] == OwnershipLabel.managedByValue,
            let pod = labels[OwnershipLabel.pod], ProgramOutput.isPodName(pod),
            let kind = item["kind"]?.stringValue
        else { return nil }
        let file: String
        var state: String?
        switch kind {
        case "Deployment":
            file = "deployment.yaml"
            state = deploymentState(item)
        case "Job":
            file = "job.yaml"
            state = jobState(item)
        case "ServiceAccount":
            file = "serviceaccount.yaml"
        case "NetworkPolicy":
            file = "networkpolicy.yaml"
        case "PersistentVolumeClaim":
            guard let volume = volumeName(annotations: annotations, name: metadata?["name"]?.stringValue, pod: pod) else {
                return nil
            }
            file = "pvc-\(volume).yaml"
            state = item["status"]?["phase"]?.stringValue?.lowercased()
        default:
            return nil
        }
        let claimed = annotations[OwnershipLabel.digest].flatMap { Digest.isSHA256($0) ? $0 : nil }
        return ObservedObject(path: "\(pod)/\(file)", claimedDigest: claimed, state: state)
    }

    /// The AgentPod volume a claim holds: its `agentplane.dev/volume` annotation, else its name
    /// without the `<pod>-` prefix.
    static func volumeName(annotations: [String: String], name: String?, pod: String) -> String? {
        let volume = annotations["agentplane.dev/volume"] ?? name.flatMap { name in
            name.hasPrefix(pod + "-") ? String(name.dropFirst(pod.count + 1)) : nil
        }
        guard let volume, ProgramOutput.isPodName(volume) else { return nil }
        return volume
    }

    /// `available (a/r)` once every wanted replica is available, `stalled (a/r)` past the
    /// progress deadline, else `progressing (a/r)`.
    static func deploymentState(_ item: JSONNode) -> String {
        let wanted = item["spec"]?["replicas"]?.intValue ?? 1
        let status = item["status"]
        let available = status?["availableReplicas"]?.intValue ?? 0
        let conditions = status?["conditions"]?.arrayValue ?? []
        let stalled = conditions.contains {
            $0["type"]?.stringValue == "Progressing" && $0["reason"]?.stringValue == "ProgressDeadlineExceeded"
        }
        let word = available >= wanted ? "available" : stalled ? "stalled" : "progressing"
        return "\(word) (\(available)/\(wanted))"
    }

    /// `complete` or `failed` from the Job's conditions, else `active`.
    static func jobState(_ item: JSONNode) -> String {
        let conditions = item["status"]?["conditions"]?.arrayValue ?? []
        let isTrue: (String) -> Bool = { type in
            conditions.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }
        }
        if isTrue("Complete") { return "complete" }
        if isTrue("Failed") { return "failed" }
        return "active"
    }
}
