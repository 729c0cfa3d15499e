import Formats
import PlaneModel
import Rendering
import Testing

/// Volume tiers: RAM as a memory emptyDir, nvme and object as claims of their storage class.
@Suite struct KubernetesVolumeTests {
    typealias T = KubernetesTestSupport

    @Test func theTierTableIsTheDocumentedOne() {
        guard case .memory = KubernetesStorage.forTier(.ram) else {
            Issue.record("ram must be a memory emptyDir")
            return
        }
        guard case .claim("nvme", "ReadWriteOnce") = KubernetesStorage.forTier(.nvme) else {
            Issue.record("nvme must be a ReadWriteOnce claim of class nvme")
            return
        }
        guard case .claim("object", "ReadWriteMany") = KubernetesStorage.forTier(.object) else {
            Issue.record("object must be a ReadWriteMany claim of class object")
            return
        }
    }

    @Test func claimedTiersBecomeClaimsOfTheirClassNamedAfterPodAndVolume() throws {
        let manifests = try T.cluster(T.onCluster(KubernetesFixtures.volumes))
        let claims = manifests.filter { $0.value["kind"]?.stringValue == "PersistentVolumeClaim" }.map(\.value)
        #expect(claims.map { T.at($0, "metadata", "name")?.stringValue } == ["volumes-archive", "volumes-work"])
        #expect(claims.map { T.at($0, "spec", "storageClassName")?.stringValue } == ["object", "nvme"])
        #expect(claims.map { T.at($0, "spec", "accessModes", "0")?.stringValue } == ["ReadWriteMany", "ReadWriteOnce"])
        #expect(claims.map { T.at($0, "spec", "resources", "requests", "storage")?.stringValue } == ["1Ti", "10Gi"])
        #expect(
            claims.map { T.at($0, "metadata", "annotations", "agentplane.dev/volume")?.stringValue } == [
                "archive", "work",
            ])
    }

    @Test func podVolumesAndMountsFollowTheTier() throws {
        let deployment = try #require(
            T.first(try T.cluster(T.onCluster(KubernetesFixtures.volumes)), kind: "Deployment"))
        let volumes = try #require(T.at(deployment, "spec", "template", "spec", "volumes")?.arrayValue)
        #expect(volumes.map { $0["name"]?.stringValue } == ["archive", "cache", "work"])
        #expect(T.at(volumes[0].value, "persistentVolumeClaim", "claimName")?.stringValue == "volumes-archive")
        #expect(T.stringMap(T.at(volumes[1].value, "emptyDir")) == ["medium": "Memory", "sizeLimit": "512Mi"])
        #expect(T.at(volumes[2].value, "persistentVolumeClaim", "claimName")?.stringValue == "volumes-work")
        let mounts = try #require(
            T.at(deployment, "spec", "template", "spec", "containers", "0", "volumeMounts")?.arrayValue)
        #expect(
            mounts.map { T.stringMap($0.value) } == [
                ["name": "archive", "mountPath": "/archive"],
                ["name": "cache", "mountPath": "/cache"],
                ["name": "work", "mountPath": "/work"],
            ])
    }

    @Test func podmanCreatesNamedVolumesFromClaimNamesAndNamesEmptyDirsPerPod() throws {
        let manifests = try T.podman(T.onPodman(KubernetesFixtures.volumes))
        #expect(manifests.count == 1, "no PersistentVolumeClaim objects: podman 4.3 refuses to re-play an existing one")
        let spec = T.at(manifests[0].value, "spec", "template", "spec")
        let volumes = try #require(T.at(spec, "volumes")?.arrayValue)
        #expect(volumes.map { $0["name"]?.stringValue } == ["volumes-archive", "volumes-cache", "volumes-work"])
        #expect(T.at(volumes[0].value, "persistentVolumeClaim", "claimName")?.stringValue == "volumes-archive")
        #expect(T.at(volumes[1].value, "emptyDir", "medium")?.stringValue == "Memory")
        #expect(T.at(spec, "containers", "0", "volumeMounts", "1", "name")?.stringValue == "volumes-cache")
    }
}
