import Foundation

/// Real rootful podman for tests: a test-local containers.conf, a local busybox image (no
/// registry is reachable), names unique to one harness, and cleanup of everything it made.
///
/// Use one harness per test and call `cleanUp()` in a `defer`:
///
/// ```swift
/// let podman = try PodmanHarness()
/// defer { podman.cleanUp() }
/// let name = podman.uniqueName("web")           // web-3f9a1c
/// try podman.kubePlay(manifestBytes, arguments: ["--network", "none"])
/// ```
///
/// Everything runs with `CONTAINERS_CONF` pointing at the harness's own containers.conf
/// (cgroupfs, runc, file events: no systemd needed), so the tests do not depend on the host's.
final class PodmanHarness {
    /// The local image every test container runs: a static busybox with its applets linked in
    /// `/bin`, imported once per machine with `podman import` and reused after.
    static let image = "localhost/agentplane-test/busybox:latest"
    /// A long-running command that exits promptly on SIGTERM, so stop and `kube down` are quick.
    static let idleCommand = ["/bin/sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
    static let containersConf = """
        [containers]
        default_ulimits = []

        [engine]
        cgroup_manager = "cgroupfs"
        runtime = "runc"
        events_logger = "file"

        """

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    let podmanPath: String
    /// Six lower-case hex characters; `uniqueName` appends them.
    let runID: String
    /// A private temporary folder: containers.conf, manifests, image rootfs.
    let directory: URL
    private var playedFiles: [URL] = []
    private var volumes: Set<String> = []
    private var secrets: Set<String> = []
    private var podLabels: Set<String> = []

    /// Finds podman (or fails telling to run `make test`) and makes sure the image exists.
    init() throws {
        guard let podman = ExternalCommand.find("podman") else {
            throw Missing(
                description: "podman is not installed: run `make test` (it installs podman, runc and busybox-static)")
        }
        podmanPath = podman
        runID = String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(6))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("agentplane-podman-\(runID)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(Self.containersConf.utf8).write(to: directory.appendingPathComponent("containers.conf"))
        try ensureImage()
    }

    /// The environment of every podman child process.
    var environment: [String: String] {
        ["CONTAINERS_CONF": directory.appendingPathComponent("containers.conf").path]
    }

    /// `base-<runID>`: a name no other run uses.
    func uniqueName(_ base: String) -> String { "\(base)-\(runID)" }

    /// Runs `podman arguments…`.
    @discardableResult
    func podman(_ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 120) throws -> ExternalCommand.Result
    {
        try ExternalCommand.run(podmanPath, arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// Runs `podman arguments…` and throws with the transcript unless it exits 0.
    @discardableResult
    func podmanSucceeding(_ arguments: [String], stdin: Data? = nil) throws -> ExternalCommand.Result {
        let result = try podman(arguments, stdin: stdin)
        guard result.status == 0 else {
            throw ExternalCommand.Failure(
                description: "podman \(arguments.joined(separator: " ")) failed: \(result.transcript)")
        }
        return result
    }

    // MARK: - Image

    /// Imports `image` from the host's static busybox unless it exists already.
    func ensureImage() throws {
        if try podman(["image", "exists", Self.image]).status == 0 { return }
        let busybox = "/bin/busybox"
        guard FileManager.default.isExecutableFile(atPath: busybox) else {
            throw Missing(description: "\(busybox) is missing: run `make test` (it installs busybox-static)")
        }
        let applets = try ExternalCommand.run(busybox, ["--list"])
        let rootfs = directory.appendingPathComponent("rootfs")
        let fileManager = FileManager.default
        for folder in ["bin", "etc", "tmp", "proc", "sys", "dev", "root"] {
            try fileManager.createDirectory(
                at: rootfs.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try fileManager.setAttributes(
            [.posixPermissions: 0o1777], ofItemAtPath: rootfs.appendingPathComponent("tmp").path)
        try fileManager.copyItem(atPath: busybox, toPath: rootfs.appendingPathComponent("bin/busybox").path)
        for applet in applets.stdoutText.split(separator: "\n").map(String.init) where applet != "busybox" {
            let link = rootfs.appendingPathComponent("bin").appendingPathComponent(applet)
            if !fileManager.fileExists(atPath: link.path) {
                try fileManager.createSymbolicLink(atPath: link.path, withDestinationPath: "busybox")
            }
        }
        try Data("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n".utf8)
            .write(to: rootfs.appendingPathComponent("etc/passwd"))
        try Data("root:x:0:\nnobody:x:65534:\n".utf8).write(to: rootfs.appendingPathComponent("etc/group"))
        let tarball = directory.appendingPathComponent("rootfs.tar")
        guard let tar = ExternalCommand.find("tar") else { throw Missing(description: "tar is not installed") }
        let packed = try ExternalCommand.run(tar, ["-C", rootfs.path, "-cf", tarball.path, "."])
        guard packed.status == 0 else { throw ExternalCommand.Failure(description: "tar failed: \(packed.transcript)") }
        try podmanSucceeding(["import", "--change", "ENV=PATH=/bin", tarball.path, Self.image])
    }

    // MARK: - Objects

    /// Creates a podman secret for `secretKeyRef`: podman 4.3 reads it as a JSON object of
    /// base64 values, one per key.
    func createKubeSecret(_ name: String, values: [String: String]) throws {
        let object = values.mapValues { Data($0.utf8).base64EncodedString() }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let file = directory.appendingPathComponent("secret-\(name).json")
        try data.write(to: file)
        secrets.insert(name)
        try podmanSucceeding(["secret", "create", name, file.path])
    }

    /// Writes `manifest` to a file and runs `podman kube play arguments… file`; the result is
    /// returned unchecked so tests can assert on it. The file is kept for `kubeDown`.
    func kubePlay(_ manifest: [UInt8], arguments: [String] = [], name: String) throws -> (URL, ExternalCommand.Result) {
        let file = directory.appendingPathComponent("\(name).yaml")
        try Data(manifest).write(to: file)
        playedFiles.append(file)
        return (file, try podman(["kube", "play"] + arguments + [file.path], timeout: 180))
    }

    /// `podman kube down file`.
    func kubeDown(_ file: URL) throws -> ExternalCommand.Result {
        try podman(["kube", "down", file.path], timeout: 180)
    }

    /// Remembers a named volume (a claim) to remove in `cleanUp`.
    func trackVolume(_ name: String) { volumes.insert(name) }

    /// Remembers a pod label value (`agentplane.dev/pod=value`) whose pods `cleanUp` removes.
    func trackPod(_ name: String) { podLabels.insert(name) }

    // MARK: - Observation

    /// `podman pod ps --format json` filtered by every label in `labels`.
    func pods(labeled labels: [String: String]) throws -> [[String: Any]] {
        try listing(["pod", "ps", "--format", "json"], labels: labels)
    }

    /// `podman ps -a --format json` filtered by every label in `labels`.
    func containers(labeled labels: [String: String]) throws -> [[String: Any]] {
        try listing(["ps", "-a", "--format", "json"], labels: labels)
    }

    private func listing(_ command: [String], labels: [String: String]) throws -> [[String: Any]] {
        let filters = labels.sorted { $0.key < $1.key }.flatMap { ["--filter", "label=\($0.key)=\($0.value)"] }
        let result = try podmanSucceeding(command + filters)
        let text = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text == "null" { return [] }
        guard let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw ExternalCommand.Failure(
                description: "podman \(command.joined(separator: " ")) printed no JSON list: \(text)")
        }
        return list
    }

    /// `podman inspect container` as a JSON object.
    func inspect(_ container: String) throws -> [String: Any] {
        let result = try podmanSucceeding(["inspect", container])
        guard let list = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]],
            let first = list.first
        else {
            throw ExternalCommand.Failure(description: "podman inspect \(container) printed no JSON list")
        }
        return first
    }

    /// The environment of the container's main process exactly as the kernel holds it
    /// (`/proc/1/environ`, NUL-separated): what the workload sees, byte for byte.
    func processEnvironment(_ container: String) throws -> [String: String] {
        let result = try podmanSucceeding(["exec", container, "cat", "/proc/1/environ"])
        var out: [String: String] = [:]
        for entry in result.stdout.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else { continue }
            out[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return out
    }

    /// `sh -c script` in `container`, checked.
    func exec(_ container: String, _ script: String) throws -> String {
        try podmanSucceeding(["exec", container, "/bin/sh", "-c", script]).stdoutText
    }

    // MARK: - Cleanup

    /// Removes every pod, volume and secret this harness made and its folder. Never throws:
    /// cleanup runs in `defer` after failures too.
    func cleanUp() {
        for file in playedFiles.reversed() { _ = try? kubeDown(file) }
        for label in podLabels.sorted() {
            if let pods = try? pods(labeled: ["agentplane.dev/pod": label]) {
                for pod in pods {
                    if let id = pod["Id"] as? String { _ = try? podman(["pod", "rm", "-f", id]) }
                }
            }
        }
        for volume in volumes.sorted() { _ = try? podman(["volume", "rm", "-f", volume]) }
        for secret in secrets.sorted() { _ = try? podman(["secret", "rm", secret]) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A TCP port nothing listens on right now (the kernel picks it), for host port tests.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ExternalCommand.Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = INADDR_ANY
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw ExternalCommand.Failure(description: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw ExternalCommand.Failure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
