import Foundation
import Testing

/// deploy/kubernetes: kustomize builds it, `kubernetes-validate --strict` accepts it, the RBAC
/// grants only what the reconciler applies and observes, and the Deployment runs one hardened loop.
@Suite struct KubernetesDeployTests {
    static func manifestFiles() throws -> [URL] {
        try DeployPaths.files(in: DeployPaths.kubernetes, withExtension: "yaml")
            .filter { $0 != "kustomization.yaml" }
            .map { DeployPaths.kubernetes.appendingPathComponent($0) }
    }

    static func built() throws -> [KubernetesBuild.Object] {
        try KubernetesBuild.objects(try KubernetesBuild.build())
    }

    @Test func kustomizeBuildsTheExpectedObjects() throws {
        let ids = try Self.built().map(\.id).map { id in
            // The generated ConfigMap name ends in a content hash.
            id.hasPrefix("ConfigMap/agentplane-system/agentplane-config-") ? "ConfigMap/agentplane-system/agentplane-config-<hash>" : id
        }
        #expect(
            ids.sorted() == [
                "ClusterRole//agentplane-reconciler",
                "ConfigMap/agentplane-system/agentplane-config-<hash>",
                "Deployment/agentplane-system/agentplane",
                "Namespace//agentplane-system",
                "Namespace//agents",
                "PersistentVolumeClaim/agentplane-system/agentplane-state",
                "RoleBinding/agents/agentplane-reconciler",
                "ServiceAccount/agentplane-system/agentplane",
            ])
    }

    @Test func everyManifestFileIsAResourceOfTheKustomization() throws {
        let kustomization = try KubernetesBuild.objects(
            try DeployPaths.text(DeployPaths.kubernetes.appendingPathComponent("kustomization.yaml")))
        let resources = try #require(kustomization.first?.value["resources"] as? [String])
        #expect(resources.sorted() == (try Self.manifestFiles().map(\.lastPathComponent)))
    }

    @Test func theBuildPassesKubernetesValidateStrict() throws {
        let folder = try DeployPaths.temporaryFolder("k8s")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("built.yaml")
        try Data(try KubernetesBuild.build().utf8).write(to: file)
        let result = try KubernetesBuild.validate([file])
        #expect(result.status == 0, "kubernetes-validate rejected the build:\n\(result.transcript)")
        #expect(!result.stdout.contains("ERROR"), "\(result.transcript)")
        #expect(result.stdout.components(separatedBy: " passed for resource ").count - 1 == 8, "\(result.stdout)")
    }

    @Test func everyManifestFilePassesKubernetesValidateStrict() throws {
        let files = try Self.manifestFiles()
        #expect(files.count == 5)
        let result = try KubernetesBuild.validate(files)
        #expect(result.status == 0, "kubernetes-validate rejected a file:\n\(result.transcript)")
        #expect(!result.stdout.contains("ERROR"), "\(result.transcript)")
    }

    /// The validation above can fail: strict mode refuses an unknown field.
    @Test func kubernetesValidateRejectsAnUnknownField() throws {
        let text = try DeployPaths.text(DeployPaths.kubernetes.appendingPathComponent("deployment.yaml"))
        let broken = text.replacingOccurrences(of: "\n  replicas: 1\n", with: "\n  replicas: 1\n  replicaz: 1\n")
        #expect(broken != text)
        let folder = try DeployPaths.temporaryFolder("k8s-broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("deployment.yaml")
        try Data(broken.utf8).write(to: file)
        let result = try KubernetesBuild.validate([file])
        #expect(result.status != 0, "\(result.transcript)")
        #expect((result.stdout + result.stderr).contains("replicaz"), "\(result.transcript)")
    }

    @Test func rbacGrantsExactlyWhatTheReconcilerAppliesAndObserves() throws {
        let problems = RBACCheck.violations(try Self.built())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The RBAC check can fail: each widening of the shipped RBAC is reported.
    @Test(arguments: [
        ("resources: [\"persistentvolumeclaims\", \"serviceaccounts\"]",
         "resources: [\"persistentvolumeclaims\", \"serviceaccounts\", \"secrets\"]", "resource secrets"),
        ("resources: [\"deployments\"]", "resources: [\"*\"]", "resource *.apps"),
        ("verbs: [\"get\", \"list\", \"watch\", \"create\", \"update\", \"patch\", \"delete\"]\n  - apiGroups: [\"batch\"]",
         "verbs: [\"*\"]\n  - apiGroups: [\"batch\"]", "verb *"),
        ("kind: RoleBinding\nmetadata:\n  name: agentplane-reconciler\n  namespace: agents\n",
         "kind: ClusterRoleBinding\nmetadata:\n  name: agentplane-reconciler\n", "a ClusterRoleBinding grants cluster-wide"),
        ("  kind: ClusterRole\n  name: agentplane-reconciler\n", "  kind: ClusterRole\n  name: cluster-admin\n",
         "binds ClusterRole/cluster-admin"),
        ("  - kind: ServiceAccount\n    name: agentplane\n", "  - kind: ServiceAccount\n    name: default\n",
         "subject ServiceAccount agentplane-system/default"),
        ("  - apiGroups: [\"networking.k8s.io\"]", "  - nonResourceURLs: [\"/metrics\"]\n    verbs: [\"get\"]\n  - apiGroups: [\"networking.k8s.io\"]",
         "nonResourceURLs"),
    ])
    func rbacCheckReportsAWideningOfTheRules(find: String, replace: String, message: String) throws {
        let text = try DeployPaths.text(DeployPaths.kubernetes.appendingPathComponent("rbac.yaml"))
        let broken = text.replacingOccurrences(of: find, with: replace)
        #expect(broken != text, "the broken copy must differ")
        let problems = RBACCheck.violations(try KubernetesBuild.objects(broken))
        #expect(problems.contains { $0.contains(message) }, "\(problems)")
    }

    @Test func rbacCheckReportsAVerbTheReconcilerWouldLack() throws {
        let text = try DeployPaths.text(DeployPaths.kubernetes.appendingPathComponent("rbac.yaml"))
        let narrowed = text.replacingOccurrences(
            of: "resources: [\"jobs\"]\n    verbs: [\"get\", \"list\", \"watch\", \"create\", \"update\", \"patch\", \"delete\"]",
            with: "resources: [\"jobs\"]\n    verbs: [\"get\", \"list\", \"watch\"]")
        #expect(narrowed != text)
        let problems = RBACCheck.violations(try KubernetesBuild.objects(narrowed))
        #expect(problems == ["jobs.batch: missing verbs [\"create\", \"delete\", \"patch\", \"update\"]"])
    }

    @Test func theDeploymentRunsOneHardenedLoop() throws {
        let objects = try Self.built()
        let deployment = try #require(objects.first { $0.kind == "Deployment" }).value
        let spec = try #require(deployment["spec"] as? [String: Any])
        #expect(spec["replicas"] as? Int == 1)
        #expect((spec["strategy"] as? [String: Any])?["type"] as? String == "Recreate")
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["serviceAccountName"] as? String == "agentplane")
        #expect((pod["terminationGracePeriodSeconds"] as? Int ?? 0) >= 600)
        let podSecurity = try #require(pod["securityContext"] as? [String: Any])
        #expect(podSecurity["runAsNonRoot"] as? Bool == true)
        #expect((podSecurity["seccompProfile"] as? [String: Any])?["type"] as? String == "RuntimeDefault")
        let containers = try #require(pod["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        let container = try #require(containers.first)
        #expect(container["image"] as? String == "ghcr.io/agentplane/agentplane:0.1.0")
        let security = try #require(container["securityContext"] as? [String: Any])
        #expect(security["readOnlyRootFilesystem"] as? Bool == true)
        #expect(security["allowPrivilegeEscalation"] as? Bool == false)
        #expect((security["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
        let resources = try #require(container["resources"] as? [String: Any])
        #expect((resources["requests"] as? [String: Any])?["memory"] != nil)
        #expect((resources["limits"] as? [String: Any])?["memory"] != nil)
        let args = try #require(container["args"] as? [String])
        #expect(args.prefix(3) == ["reconcile", "--watch", "--interval"])
        #expect(args.joined(separator: " ").contains("--state-dir /var/lib/agentplane"))

        let mounts = (container["volumeMounts"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["name"] as? String ?? ""] = $1["mountPath"] as? String
        }
        #expect(mounts["state"] == "/var/lib/agentplane")
        #expect(mounts["git-credentials"] == "/home/agentplane/.ssh")
        #expect(mounts["tmp"] == "/tmp", "a read-only root needs a writable /tmp")
        #expect(mounts["home"] == "/home/agentplane")
        let volumes = (pod["volumes"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) {
            $0[$1["name"] as? String ?? ""] = $1
        }
        let claim = (volumes["state"]?["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String
        #expect(claim == "agentplane-state")
        #expect(objects.contains { $0.kind == "PersistentVolumeClaim" && $0.name == claim })
        let secret = try #require(volumes["git-credentials"]?["secret"] as? [String: Any])
        #expect(secret["secretName"] as? String == "agentplane-git")
        #expect(secret["optional"] as? Bool == true)
        let env = (container["env"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) {
            $0[$1["name"] as? String ?? ""] = $1
        }
        #expect(env["HOME"]?["value"] as? String == "/home/agentplane")
        #expect(env["AGENTPLANE_SSH_KEY"]?["value"] as? String == "/home/agentplane/.ssh/identity")
        let token = (env["AGENTPLANE_GIT_TOKEN"]?["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any]
        #expect(token?["name"] as? String == "agentplane-git")
        #expect(token?["optional"] as? Bool == true)
    }

    /// The reconciler's own namespace enforces Pod Security "restricted", so a weaker pod spec
    /// would be refused by the cluster, not only by this test.
    @Test func theReconcilersNamespaceEnforcesRestrictedPodSecurity() throws {
        let namespace = try #require(try Self.built().first { $0.kind == "Namespace" && $0.name == "agentplane-system" })
        let labels = namespace.metadata["labels"] as? [String: Any]
        #expect(labels?["pod-security.kubernetes.io/enforce"] as? String == "restricted")
    }
}
