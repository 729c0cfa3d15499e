import Testing
import Validation

/// VolumeRules: mount paths are absolute, without `.`/`..`, and unique within a pod.
@Suite struct VolumeRulesTests {
    private func pod(volumes: String) -> TestRepo {
        TestRepo.baseline.with("desired/agentpods/web.json", TestDocuments.pod(
            "web", container: #"{"name": "app", "image": "docker.io/library/nginx:1.27"}"#, specExtra: "\"volumes\": [\(volumes)]"))
    }

    @Test func dotDotAndDuplicateMountPaths() {
        let repo = pod(volumes: #"{"name": "a", "tier": "ram", "size": "1Gi", "mountPath": "/data/../etc"}, {"name": "b", "tier": "nvme", "size": "1Gi", "mountPath": "/cache"}, {"name": "c", "tier": "nvme", "size": "1Gi", "mountPath": "/cache/"}"#)
        #expect(repo.messages() == [
            "desired/agentpods/web.json:11:74: error: /spec/volumes/0/mountPath: mountPath '/data/../etc' of volume 'a' must not contain '.' or '..' components",
            "desired/agentpods/web.json:11:218: error: /spec/volumes/2/mountPath: mountPath '/cache/' is already used by volume 'b' at /spec/volumes/1",
        ])
    }

    /// The schema requires a leading '/' too; the rule holds without it.
    @Test func relativeMountPathEvenWithoutTheSchema() throws {
        let repo = pod(volumes: #"{"name": "a", "tier": "ram", "size": "1Gi", "mountPath": "data"}"#)
        #expect(try repo.semanticMessages(rule: "volumes") == [
            "desired/agentpods/web.json:11:74: error: /spec/volumes/0/mountPath: mountPath 'data' of volume 'a' must be an absolute path (start with '/')"
        ])
    }
}
