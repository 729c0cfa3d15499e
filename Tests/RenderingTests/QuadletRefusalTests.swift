import PlaneModel
import Rendering
import Testing

/// Pods the Quadlet renderer refuses, with the error the user sees.
@Suite struct QuadletRefusalTests {
    func render(_ edit: (inout AgentPod) -> Void, profile: Profile = QuadletFixtures.open()) throws(RenderError) -> [RenderedObject] {
        var pod = QuadletFixtures.plain.pod
        edit(&pod)
        return try QuadletRenderer().render(
            PodPlacement(pod: pod, bundle: QuadletFixtures.bundle(for: pod), profile: profile, node: QuadletFixtures.userNode))
    }

    func message(_ edit: (inout AgentPod) -> Void, profile: Profile = QuadletFixtures.open()) -> String? {
        do {
            _ = try render(edit, profile: profile)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        "busybox", "busybox:1.36", "library/busybox:1.36", "docker.io/library/busybox",
        "ghcr.io/Acme/agent:1", "ghcr.io/acme/agent:", "ghcr.io/acme/agent@sha256:abc", "ghcr.io//agent:1",
        "ghcr.io/acme/agent:1 ", "ghcr.io/acme/agent:1;reboot",
    ])
    func unqualifiedImagesAreRefused(_ image: String) {
        #expect(message { $0.spec.containers[0].image = image }
            == "pod plain: /spec/containers/0/image: image \"\(image)\" is not fully qualified (expected registry/name:tag or registry/name@sha256:…)")
    }

    @Test func moreThanOneReplicaIsRefused() {
        #expect(message { $0.spec.replicas = 3 }
            == "pod plain: /spec/replicas: replicas is 3: a Quadlet node runs one instance of a pod; place it on a Kubernetes node or use replicas 1")
    }

    @Test func aContainerNamedLikeThePodServiceIsRefused() {
        #expect(message { $0.spec.containers[0].name = "pod" }
            == "pod plain: two rendered objects would be named plain-pod.service: the pod and container pod would both generate it; rename one")
    }

    @Test func aContainerNamedLikeAVolumeServiceIsRefused() {
        let error = message {
            $0.spec.volumes = [AgentPod.Volume(name: "cache", tier: .nvme, size: Quantity("1Gi"), mountPath: "/cache")]
            $0.spec.containers[0].name = "cache-volume"
        }
        #expect(error?.contains("plain-cache-volume.service") == true)
    }

    @Test func publishingAPortWithoutANetworkIsRefused() {
        #expect(message({ _ in }, profile: QuadletFixtures.airgappedProfile)
            == "pod plain: /spec/containers/0/ports/0/hostPort: the profile's network mode is none: a pod without a network cannot publish host port 18080")
    }

    @Test func publishingOneHostPortTwiceIsRefused() {
        let error = message {
            var second = $0.spec.containers[0]
            second.name = "second"
            $0.spec.containers.append(second)
        }
        #expect(error == "pod plain: two rendered objects would be named host port 18080/tcp: published twice (/spec/containers/0/ports/0 and /spec/containers/1/ports/0)")
    }

    @Test func aContainerMayNotOverrideTheProfileProxy() {
        let error = message(
            { $0.spec.containers[0].env.append(AgentPod.EnvVar(name: "HTTPS_PROXY", source: .value(""))) },
            profile: QuadletFixtures.corporate)
        #expect(error == "pod plain: /spec/containers/0/env/1: HTTPS_PROXY is set by the profile's egress proxy in every container of an allowlist pod")
    }

    @Test func aLoneSemicolonArgumentWithoutACommandIsRefused() {
        #expect(message { $0.spec.containers[0].args = ["-exec", "rm", "{}", ";"] }
            == "pod plain: /spec/containers/0/args/3: value \";\" cannot be rendered: a lone ';' would start a second command in the generated ExecStart=")
    }

    @Test func aLoneSemicolonArgumentAfterACommandIsCarried() throws {
        let objects = try render {
            $0.spec.containers[0].command = ["find", "/"]
            $0.spec.containers[0].args = ["-exec", "true", "{}", ";"]
        }
        let text = String(decoding: try #require(objects.last).bytes, as: UTF8.self)
        #expect(text.contains(#"Entrypoint=["find","/","-exec","true","{}",";"]"#))
        #expect(!text.contains("Exec="))
    }

    @Test func controlCharactersInValuesAreRefused() {
        #expect(message { $0.spec.containers[0].env[0].source = .value("line1\nline2") }
            == #"pod plain: /spec/containers/0/env/0/value: value "line1\u{a}line2" cannot be rendered: it contains the control character U+000A"#)
        #expect(message { $0.spec.containers[0].workingDir = "/tmp\u{0}x" } != nil)
        #expect(message { $0.spec.containers[0].command = ["sh\u{85}"] }?.hasPrefix("pod plain: /spec/containers/0/command/0: ") == true)
        #expect(message {
            $0.spec.containers[0].command = ["sh", "-c"]
            $0.spec.containers[0].args = ["ok", "bad\t"]
        }?.hasPrefix("pod plain: /spec/containers/0/args/1: ") == true)
    }

    @Test func mountPathsPodmanCannotExpressAreRefused() {
        let error = message {
            $0.spec.volumes = [AgentPod.Volume(name: "data", tier: .nvme, size: Quantity("1Gi"), mountPath: "/a:b")]
        }
        #expect(error == "pod plain: /spec/volumes/0/mountPath: value \"/a:b\" cannot be rendered: a mount path must be absolute and may not contain ':' (Podman's -v separator)")
        #expect(message { $0.spec.volumes = [AgentPod.Volume(name: "data", tier: .nvme, size: Quantity("1Gi"), mountPath: "/data ")] } != nil)
    }

    @Test func namesThatCannotNameAUnitFileAreRefused() {
        #expect(message { $0.spec.containers[0].name = "Agent" }?.contains("must be a DNS-1123 label") == true)
        #expect(message { $0.spec.containers[0].name = "../etc" }?.contains("must be a DNS-1123 label") == true)
        let bad = ["", "-a", "a-", "café", "a\u{301}", "a_b", "a.b", String(repeating: "a", count: 64), "ａ"]
        for name in bad {
            #expect(message { $0.spec.containers[0].name = name }?.hasPrefix("pod plain: /spec/containers/0/name: ") == true, "\(name)")
        }
        for name in ["a", "0", "a-0", String(repeating: "a", count: 63)] {
            #expect(message { $0.spec.containers[0].name = name } == nil, "\(name)")
        }
    }

    @Test func envAndSecretNamesAreChecked() {
        #expect(message { $0.spec.containers[0].env.append(AgentPod.EnvVar(name: "A=B", source: .value("x"))) }
            == "pod plain: /spec/containers/0/env/1/name: value \"A=B\" cannot be rendered: an environment name may not be empty or contain '=' or ','")
        #expect(message { $0.spec.containers[0].env.append(AgentPod.EnvVar(name: "T", source: .secretRef(name: "a,type=mount", key: nil))) }
            == "pod plain: /spec/containers/0/env/1/secretRef/name: value \"a,type=mount\" cannot be rendered: a Podman secret reference may use letters, digits, '.', '_' and '-' only")
        #expect(message { $0.spec.containers[0].env.append(AgentPod.EnvVar(name: "LOG_LEVEL", source: .value("x"))) }
            == "pod plain: two rendered objects would be named env LOG_LEVEL: set twice (/spec/containers/0/env/0 and /spec/containers/0/env/1)")
    }

    @Test func badQuantitiesAreRefused() {
        #expect(message { $0.spec.containers[0].resources.memory = Quantity("lots") }
            == "pod plain: /spec/containers/0/resources/memory: quantity \"lots\" cannot be converted")
        #expect(message { $0.spec.containers[0].resources.cpu = Quantity("1.5.2") } != nil)
    }
}
