import Formats
import PlaneModel
import Rendering
import Testing

/// What a cluster operator sees in the rendered files: which objects, where, with which
/// labels, namespace and digest, and the same bytes every time.
@Suite struct KubernetesRendererTests {
    typealias T = KubernetesTestSupport

    @Test func objectsComeInApplyOrderOnePerFileUnderThePodFolder() throws {
        let objects = try T.renderer.render(T.onCluster(KubernetesFixtures.volumes))
        #expect(
            objects.map(\.path) == [
                "volumes/serviceaccount.yaml",
                "volumes/pvc-archive.yaml",
                "volumes/pvc-work.yaml",
                "volumes/deployment.yaml",
            ])
        #expect(objects.map(\.kind) == [.serviceAccount, .persistentVolumeClaim, .persistentVolumeClaim, .deployment])
        let airgapped = try T.renderer.render(T.onCluster(KubernetesFixtures.airgapped))
        #expect(
            airgapped.map(\.path) == [
                "summarizer/serviceaccount.yaml", "summarizer/networkpolicy.yaml", "summarizer/job.yaml",
            ])
        #expect(airgapped.map(\.kind) == [.serviceAccount, .networkPolicy, .job])
    }

    @Test func podmanGetsOneDeploymentFile() throws {
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.podmanNode) {
            let objects = try T.renderer.renderPodmanKube(placement)
            #expect(objects.map(\.path) == ["\(placement.pod.name)/kube.yaml"])
            #expect(objects.map(\.kind) == [.deployment])
        }
    }

    @Test func everyObjectCarriesOwnershipLabelsAndTheNodeNamespace() throws {
        for placement in KubernetesFixtures.placements(on: KubernetesFixtures.clusterNode) {
            for manifest in try T.cluster(placement) {
                let labels = T.stringMap(T.at(manifest.value, "metadata", "labels"))
                let pod = placement.pod.name
                #expect(labels["app.kubernetes.io/managed-by"] == "agentplane")
                #expect(labels["app.kubernetes.io/name"] == pod)
                #expect(labels["agentplane.dev/managed-by"] == "agentplane")
                #expect(labels["agentplane.dev/pod"] == pod)
                #expect(labels["agentplane.dev/bundle"] == placement.bundle.name)
                #expect(T.at(manifest.value, "metadata", "namespace")?.stringValue == "agents")
                #expect(manifest.object.labels[OwnershipLabel.pod] == pod)
                #expect(manifest.object.labels[OwnershipLabel.bundle] == placement.bundle.name)
                #expect(manifest.object.labels[OwnershipLabel.managedBy] == "agentplane")
            }
        }
    }

    @Test func podmanManifestsHaveNoNamespace() throws {
        let manifest = try #require(try T.podman(T.onPodman(KubernetesFixtures.plain)).first)
        #expect(T.at(manifest.value, "metadata", "namespace") == nil)
        #expect(T.at(manifest.value, "metadata", "name")?.stringValue == "plain")
    }

    @Test func thePodsOwnLabelsAreKeptButOursWin() throws {
        var fixture = KubernetesFixtures.plain
        fixture.pod.metadata.labels = ["team": "platform", "agentplane.dev/pod": "spoofed"]
        let deployment = try #require(T.first(try T.cluster(T.onCluster(fixture)), kind: "Deployment"))
        for labels in [
            T.at(deployment, "metadata", "labels"), T.at(deployment, "spec", "template", "metadata", "labels"),
        ] {
            let map = T.stringMap(labels)
            #expect(map["team"] == "platform")
            #expect(map["agentplane.dev/pod"] == "plain")
        }
        #expect(
            T.stringMap(T.at(deployment, "spec", "selector", "matchLabels"))
                == ["agentplane.dev/pod": "plain", "app.kubernetes.io/name": "plain"])
    }

    @Test func theDigestAnnotationIsTheHashOfTheObjectWithoutIt() throws {
        var checked = 0
        for node in [KubernetesFixtures.clusterNode, KubernetesFixtures.podmanNode] {
            for placement in KubernetesFixtures.placements(on: node) {
                let manifests =
                    node == KubernetesFixtures.clusterNode ? try T.cluster(placement) : try T.podman(placement)
                for manifest in manifests {
                    let annotation = try #require(
                        T.at(manifest.value, "metadata", "annotations", "agentplane.dev/digest")?.stringValue)
                    var without = T.removing(
                        ["metadata", "annotations", "agentplane.dev/digest"], from: manifest.value)
                    if T.at(without, "metadata", "annotations")?.objectValue?.isEmpty == true {
                        without = T.removing(["metadata", "annotations"], from: without)  // rendered without any
                    }
                    #expect(annotation == SHA256.hex(Array(YAMLWriter.write(without).utf8)))
                    #expect(manifest.object.labels[OwnershipLabel.digest] == annotation)
                    #expect(manifest.object.digest == SHA256.hex(manifest.object.bytes))
                    #expect(manifest.object.bytes == Array(YAMLWriter.write(manifest.value).utf8))
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    @Test func aChangedInputChangesTheDigest() throws {
        var fixture = KubernetesFixtures.plain
        let before = try T.renderer.render(T.onCluster(fixture))
        fixture.pod.spec.replicas = 3
        let after = try T.renderer.render(T.onCluster(fixture))
        #expect(before[0].digest == after[0].digest, "the ServiceAccount does not depend on replicas")
        #expect(before.last?.labels[OwnershipLabel.digest] != after.last?.labels[OwnershipLabel.digest])
    }

    @Test func renderingTwiceGivesIdenticalBytes() throws {
        for node in [KubernetesFixtures.clusterNode, KubernetesFixtures.podmanNode] {
            for placement in KubernetesFixtures.placements(on: node) {
                let first =
                    node == KubernetesFixtures.clusterNode
                    ? try T.renderer.render(placement) : try T.renderer.renderPodmanKube(placement)
                let second =
                    node == KubernetesFixtures.clusterNode
                    ? try T.renderer.render(placement) : try T.renderer.renderPodmanKube(placement)
                #expect(first == second)
            }
        }
    }

    @Test func serviceAccountCarriesTheAgentIdentityAndMountsNoToken() throws {
        let account = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.plain)), kind: "ServiceAccount"))
        let annotations = T.stringMap(T.at(account, "metadata", "annotations"))
        #expect(annotations["agentplane.dev/agent-id"] == "urn:agentplane:agent:plain")
        #expect(annotations["agentplane.dev/delegation-principal"] == "user:alice@example.com")
        #expect(annotations["agentplane.dev/delegation-scopes"] == "repo:read,web:read")
        #expect(annotations["agentplane.dev/delegation-expires"] == "2030-12-31T23:59:59Z")
        #expect(T.at(account, "automountServiceAccountToken")?.boolValue == false)
    }
}
