import Foundation

/// What the reconciler's RBAC may grant, and a check of a manifest set against it.
///
/// The reconciler applies and observes exactly these kinds (Rendering's Kubernetes renderer and
/// the kubernetes executor's `kubectl get deployments,jobs,serviceaccounts,networkpolicies,
/// persistentvolumeclaims`), in its target namespaces, with these verbs.
enum RBACCheck {
    struct Resource: Hashable, CustomStringConvertible {
        var group: String
        var resource: String
        var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
    }

    static let resources: Set<Resource> = [
        Resource(group: "apps", resource: "deployments"),
        Resource(group: "batch", resource: "jobs"),
        Resource(group: "", resource: "persistentvolumeclaims"),
        Resource(group: "", resource: "serviceaccounts"),
        Resource(group: "networking.k8s.io", resource: "networkpolicies"),
    ]
    static let verbs: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete"]

    /// The only subject any binding may name.
    static let serviceAccount = (name: "agentplane", namespace: "agentplane-system")

    /// Every grant in `objects` beyond the list above, every binding that reaches further than
    /// the target namespaces or names another subject, and every listed resource or verb the
    /// reconciler would lack. Empty when the RBAC is exactly what it needs.
    static func violations(_ objects: [KubernetesBuild.Object]) -> [String] {
        var problems: [String] = []
        var granted: [Resource: Set<String>] = [:]
        let roles = objects.filter { $0.kind == "Role" || $0.kind == "ClusterRole" }
        for role in roles {
            if role.value["aggregationRule"] != nil {
                problems.append("\(role.id): aggregationRule pulls in rules from elsewhere")
            }
            let rules = role.value["rules"] as? [[String: Any]] ?? []
            for (index, rule) in rules.enumerated() {
                let at = "\(role.id) rule \(index)"
                if rule["nonResourceURLs"] != nil { problems.append("\(at): nonResourceURLs") }
                let groups = rule["apiGroups"] as? [String] ?? []
                let names = rule["resources"] as? [String] ?? []
                let ruleVerbs = rule["verbs"] as? [String] ?? []
                for verb in ruleVerbs where !verbs.contains(verb) { problems.append("\(at): verb \(verb)") }
                for group in groups {
                    for name in names {
                        let resource = Resource(group: group, resource: name)
                        guard resources.contains(resource) else {
                            problems.append("\(at): resource \(resource)")
                            continue
                        }
                        granted[resource, default: []].formUnion(ruleVerbs.filter(verbs.contains))
                    }
                }
            }
        }
        for resource in resources.sorted(by: { $0.description < $1.description }) {
            let missing = verbs.subtracting(granted[resource] ?? [])
            if !missing.isEmpty { problems.append("\(resource): missing verbs \(missing.sorted())") }
        }

        let roleNames = Set(roles.map { "\($0.kind)/\($0.name)" })
        for binding in objects where binding.kind == "ClusterRoleBinding" {
            problems.append("\(binding.id): a ClusterRoleBinding grants cluster-wide")
        }
        let bindings = objects.filter { $0.kind == "RoleBinding" }
        if bindings.isEmpty { problems.append("no RoleBinding: the reconciler could not act in any namespace") }
        for binding in bindings {
            if binding.namespace == nil { problems.append("\(binding.id): no namespace") }
            let roleRef = binding.value["roleRef"] as? [String: Any] ?? [:]
            let ref = "\(roleRef["kind"] as? String ?? "")/\(roleRef["name"] as? String ?? "")"
            if !roleNames.contains(ref) { problems.append("\(binding.id): binds \(ref), which is not one of these roles") }
            let subjects = binding.value["subjects"] as? [[String: Any]] ?? []
            for subject in subjects {
                let kind = subject["kind"] as? String
                let name = subject["name"] as? String
                let namespace = subject["namespace"] as? String
                if kind != "ServiceAccount" || name != serviceAccount.name || namespace != serviceAccount.namespace {
                    problems.append("\(binding.id): subject \(kind ?? "?") \(namespace ?? "")/\(name ?? "?")")
                }
            }
            if subjects.isEmpty { problems.append("\(binding.id): no subjects") }
        }
        return problems
    }
}
