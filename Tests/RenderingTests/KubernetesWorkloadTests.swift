import Formats
import PlaneModel
import Rendering
import Testing

/// The Deployment or Job and its containers: replicas, restart policy, argv, env, ports,
/// resources, mounts and security context.
@Suite struct KubernetesWorkloadTests {
    typealias T = KubernetesTestSupport

    @Test func alwaysIsADeploymentWithReplicas() throws {
        var fixture = KubernetesFixtures.plain
        fixture.pod.spec.replicas = 3
        let deployment = try #require(T.first(try T.cluster(T.onCluster(fixture)), kind: "Deployment"))
        #expect(T.at(deployment, "apiVersion")?.stringValue == "apps/v1")
        #expect(T.at(deployment, "spec", "replicas")?.intValue == 3)
        #expect(T.at(deployment, "spec", "template", "spec", "restartPolicy")?.stringValue == "Always")
        #expect(
            T.at(deployment, "metadata", "annotations", "agentplane.dev/restart-policy")?.stringValue == "always")
    }

    @Test func onFailureIsADeploymentThatAlwaysRestartsAndSaysWhatWasAsked() throws {
        let manifests = try T.cluster(T.onCluster(KubernetesFixtures.llamaSidecar))
        let deployment = try #require(T.first(manifests, kind: "Deployment"))
        #expect(T.at(deployment, "spec", "template", "spec", "restartPolicy")?.stringValue == "Always")
        #expect(
            T.at(deployment, "metadata", "annotations", "agentplane.dev/restart-policy")?.stringValue == "on-failure")
        #expect(T.first(manifests, kind: "Job") == nil)
    }

    @Test func neverIsAJobThatRunsEachReplicaOnce() throws {
        var fixture = KubernetesFixtures.airgapped
        fixture.pod.spec.replicas = 2
        let manifests = try T.cluster(T.onCluster(fixture))
        #expect(T.first(manifests, kind: "Deployment") == nil)
        let job = try #require(T.first(manifests, kind: "Job"))
        #expect(T.at(job, "apiVersion")?.stringValue == "batch/v1")
        #expect(T.at(job, "spec", "parallelism")?.intValue == 2)
        #expect(T.at(job, "spec", "completions")?.intValue == 2)
        #expect(T.at(job, "spec", "backoffLimit")?.intValue == 0)
        #expect(T.at(job, "spec", "template", "spec", "restartPolicy")?.stringValue == "Never")
        #expect(T.at(job, "spec", "ttlSecondsAfterFinished") == nil, "a finished Job must stay for observe")
    }

    @Test func podmanHonoursEveryRestartPolicyInItsDeployment() throws {
        let cases: [(AgentPod.RestartPolicy, String)] = [
            (.always, "Always"), (.onFailure, "OnFailure"), (.never, "Never"),
        ]
        for (policy, expected) in cases {
            var fixture = KubernetesFixtures.plain
            fixture.pod.spec.restartPolicy = policy
            let manifest = try #require(try T.podman(T.onPodman(fixture)).first?.value)
            #expect(T.at(manifest, "kind")?.stringValue == "Deployment")
            #expect(T.at(manifest, "spec", "template", "spec", "restartPolicy")?.stringValue == expected)
        }
    }

    @Test func containersKeepTheirOrderArgvPortsAndWorkingDir() throws {
        let deployment = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.llamaSidecar)), kind: "Deployment"))
        let containers = try #require(T.at(deployment, "spec", "template", "spec", "containers")?.arrayValue)
        #expect(containers.map { $0["name"]?.stringValue } == ["agent", "model"])
        let model = containers[1].value
        #expect(
            model["args"]?.arrayValue?.compactMap(\.stringValue)
                == ["-m", "/models/qwen2.5-7b-instruct-q4_k_m.gguf", "--host", "127.0.0.1", "--port", "8080"])
        #expect(model["command"] == nil, "no command: the image's entrypoint runs")
        #expect(T.at(model, "ports", "0", "containerPort")?.intValue == 8080)
        #expect(T.at(model, "ports", "0", "name")?.stringValue == "llama")
        #expect(T.at(model, "ports", "0", "protocol")?.stringValue == "TCP")
        #expect(T.at(containers[0].value, "workingDir")?.stringValue == "/models")
        #expect(T.at(model, "imagePullPolicy")?.stringValue == "IfNotPresent")

        let plain = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.plain)), kind: "Deployment"))
        #expect(T.at(plain, "spec", "template", "spec", "containers", "0", "ports", "0", "hostPort")?.intValue == 18080)
        let gpu = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.gpu)), kind: "Deployment"))
        #expect(
            T.at(gpu, "spec", "template", "spec", "containers", "0", "ports", "1", "protocol")?.stringValue == "UDP")
    }

    @Test func resourcesAreRequestsEqualToLimitsAndAGPUIsALimit() throws {
        let deployment = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.gpu)), kind: "Deployment"))
        let resources = T.at(deployment, "spec", "template", "spec", "containers", "0", "resources")
        #expect(T.stringMap(T.at(resources, "requests")) == ["cpu": "4", "memory": "24Gi"])
        #expect(T.at(resources, "limits", "cpu")?.stringValue == "4")
        #expect(T.at(resources, "limits", "memory")?.stringValue == "24Gi")
        #expect(T.at(resources, "limits", "nvidia.com/gpu")?.intValue == 1)
        #expect(T.at(resources, "requests", "nvidia.com/gpu") == nil)

        let none = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.allowlistIP)), kind: "Deployment"))
        #expect(T.at(none, "spec", "template", "spec", "containers", "0", "resources") == nil)
    }

    @Test func secretRefsReadASecretKeyNamedLikeTheVariableUnlessGiven() throws {
        let deployment = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.secrets)), kind: "Deployment"))
        let env = try #require(T.at(deployment, "spec", "template", "spec", "containers", "0", "env")?.arrayValue)
        func ref(_ name: String) -> [String: String] {
            T.stringMap(env.first { $0["name"]?.stringValue == name }?["valueFrom"]?["secretKeyRef"]?.value)
        }
        #expect(ref("GITHUB_TOKEN") == ["name": "github-token", "key": "GITHUB_TOKEN"])
        #expect(ref("JIRA_API_TOKEN") == ["name": "jira", "key": "api-token"])
        #expect(env.first { $0["name"]?.stringValue == "GITHUB_TOKEN" }?["value"] == nil)
    }

    @Test func theKubeletExpandsTheRenderedArgvAndEnvBackToTheExactValues() throws {
        let placement = T.onCluster(KubernetesFixtures.secrets)
        let deployment = try #require(T.first(try T.cluster(placement), kind: "Deployment"))
        let container = try #require(T.at(deployment, "spec", "template", "spec", "containers", "0"))
        let variables = ["FOO": "foo", "HOME": "/root"]
        let source = placement.pod.spec.containers[0]
        let command = container["command"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let args = container["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(command.map { T.kubeletExpand($0, variables) } == source.command)
        #expect(args.map { T.kubeletExpand($0, variables) } == source.args)
        #expect(args == ["--flag=$$(FOO)", "$$$"])
        for variable in source.env {
            guard case .value(let value) = variable.source else { continue }
            let rendered = container["env"]?.arrayValue?.first { $0["name"]?.stringValue == variable.name }
            let text = try #require(rendered?["value"]?.stringValue)
            #expect(T.kubeletExpand(text, variables) == value, "\(variable.name)")
        }
    }

    @Test func podmanGetsArgvAndEnvVerbatimBecauseItExpandsNothing() throws {
        let placement = T.onPodman(KubernetesFixtures.secrets)
        let manifest = try #require(try T.podman(placement).first?.value)
        let container = try #require(T.at(manifest, "spec", "template", "spec", "containers", "0"))
        #expect(container["args"]?.arrayValue?.compactMap(\.stringValue) == ["--flag=$(FOO)", "$$"])
        let hostile = container["env"]?.arrayValue?.first { $0["name"]?.stringValue == "HOSTILE" }
        #expect(hostile?["value"]?.stringValue == KubernetesFixtures.hostileValue)
    }

    @Test func securityContextNeverPrivilegedAndNonRootForRootlessProfiles() throws {
        let rootless = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.allowlist)), kind: "Deployment"))
        let context = T.at(rootless, "spec", "template", "spec", "containers", "0", "securityContext")
        #expect(T.at(context, "privileged")?.boolValue == false)
        #expect(T.at(context, "allowPrivilegeEscalation")?.boolValue == false)
        #expect(T.at(context, "runAsNonRoot")?.boolValue == true)
        #expect(T.at(context, "capabilities", "drop", "0")?.stringValue == "ALL")
        #expect(T.at(context, "seccompProfile", "type")?.stringValue == "RuntimeDefault")

        let rootful = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.plain)), kind: "Deployment"))
        let other = T.at(rootful, "spec", "template", "spec", "containers", "0", "securityContext")
        #expect(T.at(other, "privileged")?.boolValue == false)
        #expect(T.at(other, "allowPrivilegeEscalation")?.boolValue == false)
        #expect(T.at(other, "runAsNonRoot") == nil)
    }

    @Test func podsUseTheirOwnServiceAccountWithoutTokenOrServiceLinks() throws {
        let deployment = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.plain)), kind: "Deployment"))
        let spec = T.at(deployment, "spec", "template", "spec")
        #expect(T.at(spec, "serviceAccountName")?.stringValue == "plain")
        #expect(T.at(spec, "automountServiceAccountToken")?.boolValue == false)
        #expect(T.at(spec, "enableServiceLinks")?.boolValue == false)
    }

    @Test func podsWithOneWriterClaimsOrHostPortsAreRecreatedNotRolled() throws {
        let withClaim = try #require(T.first(try T.cluster(T.onCluster(KubernetesFixtures.gpu)), kind: "Deployment"))
        #expect(T.at(withClaim, "spec", "strategy", "type")?.stringValue == "Recreate")
        let withHostPort = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.plain)), kind: "Deployment"))
        #expect(T.at(withHostPort, "spec", "strategy", "type")?.stringValue == "Recreate")
        let stateless = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.allowlist)), kind: "Deployment"))
        #expect(T.at(stateless, "spec", "strategy") == nil)
    }
}
