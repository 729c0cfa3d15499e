import PlaneModel

/// References between documents resolve: pod → bundle and profile, bundle → pods and the
/// bundles it depends on, smoke check → a pod of the bundle and one of its containers,
/// node → profiles and a stage of the fleet. A pod and its bundle must agree: the bundle lists
/// the pod in `spec.pods`, and no other bundle does.
///
/// A reference to a name that a file which failed to load would have defined is not reported
/// (see `SemanticContext`).
enum ReferenceRules {
    static func check(_ context: SemanticContext) -> [Diagnostic] {
        let docs = context.documents
        // Pods by name as indices into `docs.pods`, and read field by field below: copying
        // 10,000 whole pods into a dictionary and out again was most of this rule's time.
        let podIndex = Dictionary(docs.pods.indices.map { (docs.pods[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        let bundles = Dictionary(docs.bundles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let profiles = Set(docs.profiles.map(\.name))
        // Member sets, so a bundle listing thousands of pods costs no quadratic scans.
        let podsOfBundle = bundles.mapValues { Set($0.spec.pods) }
        var out: [Diagnostic] = []

        func unknown(_ kind: DocumentKind, _ name: String, directory: String) -> String {
            "unknown \(kind.label) '\(name)': no \(kind.rawValue) has this name (expected in desired/\(directory)/\(name).json)"
        }

        for index in docs.pods.indices {
            let path = docs.pods[index].source.path
            let podName = docs.pods[index].name
            let bundleName = docs.pods[index].spec.bundle
            let profileName = docs.pods[index].spec.profile
            if let bundle = bundles[bundleName] {
                if podsOfBundle[bundle.name]?.contains(podName) != true {
                    out.append(context.diagnostic(
                        "reference", file: path, pointer: "/spec/bundle",
                        "bundle '\(bundle.name)' does not list this pod in its spec.pods (\(bundle.source.path)); add '\(podName)' there"))
                }
            } else if !context.isUnavailable(bundleName, .bundle) {
                out.append(context.diagnostic(
                    "reference", file: path, pointer: "/spec/bundle", unknown(.bundle, bundleName, directory: "bundles")))
            }
            if !profiles.contains(profileName), !context.isUnavailable(profileName, .profile) {
                out.append(context.diagnostic(
                    "reference", file: path, pointer: "/spec/profile", unknown(.profile, profileName, directory: "profiles")))
            }
        }

        for bundle in docs.bundles {
            let path = bundle.source.path
            let members = Set(bundle.spec.pods)
            for (index, name) in bundle.spec.pods.enumerated() {
                let pointer = "/spec/pods/\(index)"
                if let podAt = podIndex[name] {
                    let podBundle = docs.pods[podAt].spec.bundle
                    if podBundle != bundle.name {
                        out.append(context.diagnostic(
                            "reference", file: path, pointer: pointer,
                            "pod '\(name)' belongs to bundle '\(podBundle)' (its spec.bundle in \(docs.pods[podAt].source.path)), so bundle '\(bundle.name)' must not list it"))
                    }
                } else if !context.isUnavailable(name, .agentPod) {
                    out.append(context.diagnostic("reference", file: path, pointer: pointer, unknown(.agentPod, name, directory: "agentpods")))
                }
            }
            for (index, name) in bundle.spec.dependsOn.enumerated()
            where bundles[name] == nil && !context.isUnavailable(name, .bundle) {
                out.append(context.diagnostic(
                    "reference", file: path, pointer: "/spec/dependsOn/\(index)", unknown(.bundle, name, directory: "bundles")))
            }
            for (index, check) in bundle.spec.smoke.enumerated() {
                let pointer = "/spec/smoke/\(index)"
                guard members.contains(check.pod) else {
                    out.append(context.diagnostic(
                        "reference", file: path, pointer: pointer + "/pod",
                        "smoke check '\(check.name)' runs in pod '\(check.pod)', which this bundle does not list in spec.pods"))
                    continue
                }
                if let container = check.container, let podAt = podIndex[check.pod] {
                    let containers = docs.pods[podAt].spec.containers
                    if !containers.contains(where: { $0.name == container }) {
                        let names = containers.map(\.name).joined(separator: ", ")
                        out.append(context.diagnostic(
                            "reference", file: path, pointer: pointer + "/container",
                            "smoke check '\(check.name)' names container '\(container)', but pod '\(docs.pods[podAt].name)' has no such container (it has: \(names))"))
                    }
                }
            }
        }

        if let fleet = docs.fleet {
            let path = fleet.source.path
            let stages = Set(fleet.stages)
            for (index, node) in fleet.nodes.enumerated() {
                if !stages.contains(node.stage) {
                    let known = fleet.stages.isEmpty ? "spec.stages is empty" : "spec.stages lists \(fleet.stages.joined(separator: ", "))"
                    out.append(context.diagnostic(
                        "reference", file: path, pointer: "/spec/nodes/\(index)/stage",
                        "node '\(node.name)' is in unknown stage '\(node.stage)': \(known)"))
                }
                for (profileIndex, name) in node.profiles.enumerated()
                where !profiles.contains(name) && !context.isUnavailable(name, .profile) {
                    out.append(context.diagnostic(
                        "reference", file: path, pointer: "/spec/nodes/\(index)/profiles/\(profileIndex)",
                        unknown(.profile, name, directory: "profiles")))
                }
            }
        }
        return out
    }
}

extension DocumentKind {
    /// The kind in running text: `pod`, `bundle`, `profile`, `fleet`.
    var label: String {
        switch self {
        case .agentPod: "pod"
        case .bundle: "bundle"
        case .profile: "profile"
        case .fleet: "fleet"
        }
    }
}
