import Foundation

@testable import Executors

/// Real rootful podman for the executor tests (after Tests/RenderingTests/PodmanHarness.swift):
/// a test-local containers.conf (cgroupfs, runc, file events: no systemd needed), a local
/// busybox image (no registry is reachable), names unique to one harness, and cleanup of
/// everything it made.
///
/// ```swift
/// let podman = try PodmanHarness()
/// defer { podman.cleanUp() }
/// ```
final class PodmanHarness: @unchecked Sendable {
    static let image = "localhost/agentplane-test/busybox:latest"
    /// A long-running command that exits promptly on SIGTERM, so `kube down` is quick.
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
    /// Six lower-case hex characters, unique to this harness.
    let runID: String
    let folder: TemporaryFolder
    private var playedFiles: [String] = []
    private var pods: [String] = []
    private var agentPods: [String] = []

    init() throws {
        let environment = ExecutorEnvironment(stateDirectory: "/")
        guard let podman = try? environment.locate("podman") else {
            throw Missing(description: "podman is not installed: run `make test` (it installs podman, runc and busybox-static)")
        }
        podmanPath = podman
        runID = String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(6))
        folder = try TemporaryFolder("agentplane-exec-podman")
        try folder.write("containers.conf", Self.containersConf)
        try ensureImage()
    }

    /// The environment executors and the harness give podman.
    var executorEnvironment: ExecutorEnvironment {
        ExecutorEnvironment(
            stateDirectory: folder.path, programs: ["podman": podmanPath],
            extraEnvironment: ["CONTAINERS_CONF": folder.path + "/containers.conf"])
    }

    /// `base-<runID>`.
    func uniqueName(_ base: String) -> String { "\(base)-\(runID)" }

    /// Runs `podman arguments…` with the harness's containers.conf.
    @discardableResult
    func podman(_ arguments: [String], stdin: [UInt8] = [], timeout: Double = 180) throws -> SubprocessResult {
        let environment = executorEnvironment
        return try Subprocess(
            argv: [podmanPath] + arguments, environment: environment.childEnvironment(), stdin: stdin,
            timeoutSeconds: timeout
        ).run()
    }

    /// Runs `podman arguments…` and throws with its stderr unless it exits 0.
    @discardableResult
    func podmanSucceeding(_ arguments: [String]) throws -> SubprocessResult {
        let result = try podman(arguments)
        guard result.succeeded else {
            throw Missing(description: "podman \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderrText)")
        }
        return result
    }

    /// Imports the busybox image from the host's static busybox unless it exists already.
    private func ensureImage() throws {
        if try podman(["image", "exists", Self.image]).succeeded { return }
        let busybox = "/bin/busybox"
        guard FileManager.default.isExecutableFile(atPath: busybox) else {
            throw Missing(description: "\(busybox) is missing: run `make test` (it installs busybox-static)")
        }
        let rootfs = folder.url.appendingPathComponent("rootfs")
        let fileManager = FileManager.default
        for sub in ["bin", "etc", "tmp", "proc", "sys", "dev", "root"] {
            try fileManager.createDirectory(at: rootfs.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try fileManager.copyItem(atPath: busybox, toPath: rootfs.appendingPathComponent("bin/busybox").path)
        let applets = try Subprocess(argv: [busybox, "--list"]).runChecked().stdoutText
        for applet in applets.split(separator: "\n") where applet != "busybox" {
            try fileManager.createSymbolicLink(
                atPath: rootfs.appendingPathComponent("bin/\(applet)").path, withDestinationPath: "busybox")
        }
        try Data("root:x:0:0:root:/root:/bin/sh\n".utf8).write(to: rootfs.appendingPathComponent("etc/passwd"))
        try Data("root:x:0:\n".utf8).write(to: rootfs.appendingPathComponent("etc/group"))
        let tarball = folder.path + "/rootfs.tar"
        let tar = try ExecutorEnvironment(stateDirectory: "/").locate("tar")
        _ = try Subprocess(argv: [tar, "-C", rootfs.path, "-cf", tarball, "."]).runChecked()
        try podmanSucceeding(["import", "--change", "ENV=PATH=/bin", tarball, Self.image])
    }

    /// Writes `manifest` and runs `podman kube play` on it; kept for `cleanUp`.
    func kubePlay(_ manifest: [UInt8], name: String) throws -> String {
        let file = try folder.write("\(name).yaml", manifest)
        playedFiles.append(file)
        try podmanSucceeding(["kube", "play", file])
        return file
    }

    /// `podman kube down file`.
    func kubeDown(_ file: String) throws {
        try podmanSucceeding(["kube", "down", file])
    }

    /// Creates a pod nobody labelled as agentplane's (but carrying our pod label, as a decoy),
    /// with one running container.
    func createForeignPod(_ name: String) throws {
        pods.append(name)
        try podmanSucceeding(["pod", "create", "--name", name, "--label", "agentplane.dev/pod=\(name)", "--label", "app=foreign"])
        try podmanSucceeding(
            ["run", "-d", "--pod", name, "--name", name + "-c", "--label", "agentplane.dev/pod=\(name)", Self.image]
                + Self.idleCommand)
    }

    /// Marks AgentPod `name` (a unique name) as made by this test: `cleanUp` removes every pod
    /// labelled `agentplane.dev/pod=name`, whatever an executor left.
    func removeOnCleanUp(agentPod name: String) {
        agentPods.append(name)
    }

    /// The names of the pods labelled `agentplane.dev/pod=name`, sorted.
    func podNames(ofAgentPod name: String) throws -> [String] {
        let listing = try podmanSucceeding(["pod", "ps", "--format", "{{.Name}}", "--filter", "label=agentplane.dev/pod=\(name)"])
        return listing.stdoutText.split(separator: "\n").map(String.init).sorted()
    }

    /// Removes everything this harness made. Never throws: it runs in `defer` after failures too.
    func cleanUp() {
        for file in playedFiles.reversed() { _ = try? podman(["kube", "down", file]) }
        for pod in pods { _ = try? podman(["pod", "rm", "-f", "-t", "0", pod]) }
        for name in agentPods {
            let names = (try? podNames(ofAgentPod: name)) ?? []
            if !names.isEmpty { _ = try? podman(["pod", "rm", "-f", "-t", "0"] + names) }
        }
    }
}
