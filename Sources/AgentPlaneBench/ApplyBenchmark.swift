import Foundation

/// Issue 5: `agentplane reconcile` applying 100 pods to one real podman node, next to a shell
/// loop making the same `podman kube play` calls; then the no-op watch tick (a reconcile that
/// applies, on nodes already in sync) over the generated fleet of directory nodes.
///
/// Podman runs rootful with a bench-local containers.conf (cgroupfs, runc, file events) and the
/// local busybox image the tests use (`localhost/agentplane-test/busybox:latest`, imported from
/// `/bin/busybox` when missing: no registry is reachable). Every pod it plays is named
/// `<prefix>-NNN` with a prefix unique to this run, and removed afterwards.
struct ApplyBenchmark {
    var context: BenchContext
    /// 100, or `$AGENTPLANE_BENCH_PODMAN_PODS` (podman plays about one pod a second or two on a
    /// busy two-core machine, and removing them costs as much again).
    var podmanPods = 100

    static let image = "localhost/agentplane-test/busybox:latest"
    static let node = "podman-1"
    static let containersConf = """
        [containers]
        default_ulimits = []

        [engine]
        cgroup_manager = "cgroupfs"
        events_logger = "file"
        runtime = "runc"

        """

    /// `ap<6 hex>`: the name prefix of this run's pods.
    let prefix = "ap" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(6))

    init(context: BenchContext) {
        self.context = context
        if let text = ProcessInfo.processInfo.environment["AGENTPLANE_BENCH_PODMAN_PODS"], let count = Int(text), count > 0 {
            podmanPods = count
        }
    }

    /// Suite `apply`: the podman table.
    func runPodman() throws -> Table { try podmanApply() }

    /// Suite `tick`: the no-op watch tick table.
    func runTick() throws -> Table { try noOpTick() }

    // MARK: - 100 pods on podman

    private var podmanRepository: String { context.path("podman-repo") }
    private var containersConfPath: String { context.path("containers.conf") }

    private func podmanApply() throws -> Table {
        var table = Table(title: "issue 5: apply \(podmanPods) pods to podman (reconcile vs a `podman kube play` shell loop)")
        guard BenchContext.onPath("podman") != nil else {
            throw BenchFailure.setup("podman is not installed: run `make test` once (it installs podman, runc and busybox-static)")
        }
        try PlainFile.write(Array(Self.containersConf.utf8), to: containersConfPath)
        try ensureImage()
        try writePodmanRepository()
        defer { tearDown() }
        tearDown()

        // The same manifests agentplane plays, rendered by agentplane itself.
        let manifests = context.path("podman-manifests")
        try expectSuccess(ChildProcess(
            program: context.agentplane, arguments: ["render", "--node", Self.node, "--out", manifests, podmanRepository],
            stderrPath: context.path("render-podman.err")))
        let played = try FileManager.default.contentsOfDirectory(atPath: manifests)
            .filter { FileManager.default.fileExists(atPath: manifests + "/" + $0 + "/kube.yaml") }
        guard played.count == podmanPods else {
            throw BenchFailure.setup("agentplane render wrote \(played.count) kube.yaml files, not \(podmanPods)")
        }

        // The shell loop: one `podman kube play` per manifest, as agentplane's creates do.
        let script = "for f in \"$1\"/*/kube.yaml; do podman kube play \"$f\" || exit 1; done"
        let loop = try expectSuccess(ChildProcess(
            program: "/bin/sh", arguments: ["-c", script, "sh", manifests], stdoutPath: context.path("loop.out"),
            stderrPath: context.path("loop.err"), environment: podmanEnvironment))
        let loopRunning = try runningPods()
        tearDown()

        // agentplane: plan, play every pod, wait until every container runs, record the run.
        let reconcile = try expectSuccess(ChildProcess(
            program: context.agentplane,
            arguments: ["reconcile", "--repo", podmanRepository, "--state-dir", context.path("state-podman")],
            stdoutPath: context.path("reconcile-podman.out"), stderrPath: context.path("reconcile-podman.err"),
            environment: podmanEnvironment.merging(["NO_COLOR": "1"]) { _, new in new }))
        let ourRunning = try runningPods()
        guard ourRunning >= podmanPods else {
            throw BenchFailure.setup("after reconcile \(ourRunning) of \(podmanPods) pods run; see \(context.path("reconcile-podman.out"))")
        }
        let overhead = reconcile.wallSeconds / loop.wallSeconds - 1
        table.add(.init(
            figure: "reconcile wall, \(podmanPods) pods created", value: Units.seconds(reconcile.wallSeconds),
            comparison: "shell loop \(Units.seconds(loop.wallSeconds))", ratio: Units.ratio(reconcile.wallSeconds / loop.wallSeconds),
            target: "overhead <= 20%", verdict: overhead <= 0.2 ? .pass : .miss))
        table.add(.init(
            figure: "overhead over the loop", value: Units.fixed(overhead * 100, 1) + "%",
            comparison: "per pod \(Units.seconds(reconcile.wallSeconds / Double(podmanPods))) vs \(Units.seconds(loop.wallSeconds / Double(podmanPods)))"))
        table.add(.init(
            figure: "reconcile CPU, with the podman it ran", value: Units.seconds(reconcile.cpuSeconds),
            comparison: "loop CPU \(Units.seconds(loop.cpuSeconds))", ratio: Units.ratio(reconcile.cpuSeconds / loop.cpuSeconds)))
        table.add(.init(figure: "reconcile peak RSS", value: Units.megabytes(kib: reconcile.peakRSSKiB)))
        table.notes.append(
            "loop = `for f in DIR/*/kube.yaml; do podman kube play \"$f\"; done` over the \(podmanPods) manifests "
                + "`agentplane render --node \(Self.node)` wrote; \(loopRunning) pods were running after it. reconcile = "
                + "`agentplane reconcile` (observe, plan, journal, `podman kube play -` per pod, wait until every container "
                + "runs, evidence commit); \(ourRunning) pods running after it. One run each (podman dominates both; each "
                + "run is followed by `podman pod rm -f` of its pods, untimed, which takes as long again). CPU is wait4's "
                + "rusage: the process and the children it waited for.")
        table.notes.append(
            "podman \(podmanVersion()) rootful, runc, cgroupfs; image \(Self.image); load average after: \(Machine.loadAverage())")
        return table
    }

    /// The environment every podman call gets: the bench's containers.conf.
    private var podmanEnvironment: [String: String] { ["CONTAINERS_CONF": containersConfPath] }

    /// One podman node, one bundle of `podmanPods` busybox pods, a profile that allows `localhost`.
    private func writePodmanRepository() throws {
        let manager = FileManager.default
        for folder in ["desired/agentpods", "desired/bundles", "desired/profiles", "fleet"] {
            try manager.createDirectory(atPath: podmanRepository + "/" + folder, withIntermediateDirectories: true)
        }
        let names = (0..<podmanPods).map { "\(prefix)-\(Corpus.pad($0, 3))" }
        for name in names {
            try write("desired/agentpods/\(name).json", """
                {
                  "apiVersion": "agentplane.dev/v1alpha1",
                  "kind": "AgentPod",
                  "metadata": {"name": "\(name)"},
                  "spec": {
                    "bundle": "bench-apply",
                    "profile": "local",
                    "containers": [
                      {
                        "name": "main",
                        "image": "\(Self.image)",
                        "command": ["sleep", "3600"],
                        "resources": {"cpu": "10m", "memory": "32Mi"}
                      }
                    ]
                  }
                }

                """)
        }
        try write("desired/bundles/bench-apply.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Bundle",
              "metadata": {"name": "bench-apply", "version": "1.0.0", "licensePolicy": {"allowAGPL": false}},
              "spec": {
                "pods": [\(names.map { "\"\($0)\"" }.joined(separator: ", "))],
                "policy": {"maxRunSeconds": 300},
                "components": [{"name": "busybox", "license": "GPL-2.0-only"}]
              }
            }

            """)
        try write("desired/profiles/local.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Profile",
              "metadata": {"name": "local"},
              "spec": {
                "class": "personal",
                "network": {"mode": "open"},
                "models": {"allowedProviders": ["llama.cpp"], "hostedAllowed": false},
                "tools": {"allow": []},
                "containers": {"allowedRegistries": ["localhost"], "requireDigest": false, "privileged": false, "rootless": true},
                "budget": {"cpu": "1", "memory": "1Gi"}
              }
            }

            """)
        try write("fleet/inventory.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Fleet",
              "metadata": {"name": "bench-podman"},
              "spec": {
                "stages": ["dev"],
                "nodes": [
                  {"name": "\(Self.node)", "stage": "dev", "capacity": {"cpu": "64", "memory": "64Gi"},
                   "executor": {"type": "podman"}}
                ]
              }
            }

            """)
        try git(podmanRepository, ["init", "-q", "-b", "main"])
        try git(podmanRepository, ["add", "desired", "fleet"])
        try git(podmanRepository, ["-c", "user.name=bench", "-c", "user.email=bench@agentplane.invalid", "commit", "-q", "-m", "podman pods"])
    }

    private func write(_ path: String, _ text: String) throws {
        try PlainFile.write(Array(text.utf8), to: podmanRepository + "/" + path)
    }

    /// Imports the busybox image from the host's static busybox unless it exists already (as the
    /// tests' PodmanHarness does).
    private func ensureImage() throws {
        if try podman(["image", "exists", Self.image]).status == 0 { return }
        let busybox = "/bin/busybox"
        guard FileManager.default.isExecutableFile(atPath: busybox) else {
            throw BenchFailure.setup("\(busybox) is missing: run `make test` once (it installs busybox-static)")
        }
        let manager = FileManager.default
        let rootfs = context.path("busybox-rootfs")
        for folder in ["bin", "etc", "tmp", "proc", "sys", "dev", "root"] {
            try manager.createDirectory(atPath: rootfs + "/" + folder, withIntermediateDirectories: true)
        }
        try manager.copyItem(atPath: busybox, toPath: rootfs + "/bin/busybox")
        let appletsFile = context.path("busybox-applets.txt")
        try expectSuccess(ChildProcess(program: busybox, arguments: ["--list"], stdoutPath: appletsFile))
        for applet in try String(contentsOfFile: appletsFile, encoding: .utf8).split(separator: "\n") where applet != "busybox" {
            try manager.createSymbolicLink(atPath: rootfs + "/bin/" + applet, withDestinationPath: "busybox")
        }
        try PlainFile.write(Array("root:x:0:0:root:/root:/bin/sh\n".utf8), to: rootfs + "/etc/passwd")
        try PlainFile.write(Array("root:x:0:\n".utf8), to: rootfs + "/etc/group")
        let tarball = context.path("busybox-rootfs.tar")
        try expectSuccess(ChildProcess(program: "tar", arguments: ["-C", rootfs, "-cf", tarball, "."], stderrPath: context.path("tar.err")))
        let imported = try podman(["import", "--change", "ENV=PATH=/bin", tarball, Self.image])
        guard imported.status == 0 else { throw BenchFailure.setup("podman import of busybox failed (\(imported.status))") }
    }

    /// This run's pods (`<prefix>-NNN-pod-0`) that are running.
    private func runningPods() throws -> Int {
        let listing = context.path("pods.out")
        let run = try podman(["pod", "ps", "--filter", "name=^\(prefix)-", "--filter", "status=running", "--format", "{{.Name}}"], stdout: listing)
        guard run.status == 0 else { throw BenchFailure.setup("podman pod ps failed (\(run.status))") }
        return (try String(contentsOfFile: listing, encoding: .utf8)).split(separator: "\n").count
    }

    /// Removes every pod of this run (`podman pod rm -f -t 0`). Never throws.
    private func tearDown() {
        let listing = context.path("teardown.out")
        guard let run = try? podman(["pod", "ps", "--filter", "name=^\(prefix)-", "--format", "{{.Name}}"], stdout: listing),
            run.status == 0, let text = try? String(contentsOfFile: listing, encoding: .utf8)
        else { return }
        let names = text.split(separator: "\n").map(String.init).sorted()
        if !names.isEmpty { _ = try? podman(["pod", "rm", "-f", "-t", "0"] + names) }
    }

    private func podmanVersion() -> String {
        let out = context.path("podman-version.out")
        guard (try? podman(["version", "--format", "{{.Client.Version}}"], stdout: out))?.status == 0 else { return "?" }
        return ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func podman(_ arguments: [String], stdout: String = "/dev/null") throws -> ChildProcess.Run {
        try ChildProcess(
            program: "podman", arguments: arguments, stdoutPath: stdout, stderrPath: context.path("podman.err"),
            environment: podmanEnvironment
        ).run()
    }

    // MARK: - The no-op watch tick

    /// The issue-4 repository when that benchmark made it, else the same tree committed here.
    private func fleetRepository() throws -> String {
        let shared = context.path("repo")
        if FileManager.default.fileExists(atPath: shared + "/.git") { return shared }
        let own = context.path("tick-repo")
        let manager = FileManager.default
        if !manager.fileExists(atPath: own + "/.git") {
            try manager.createDirectory(atPath: own, withIntermediateDirectories: true)
            for folder in ["desired", "fleet"] {
                try manager.copyItem(atPath: context.corpusRoot + "/" + folder, toPath: own + "/" + folder)
            }
            try git(own, ["init", "-q", "-b", "main"])
            try git(own, ["add", "desired", "fleet"])
            try git(own, ["-c", "user.name=bench", "-c", "user.email=bench@agentplane.invalid", "commit", "-q", "-m", "generated fleet"])
        }
        return own
    }

    private func noOpTick() throws -> Table {
        var table = Table(
            title: "issue 5: no-op watch tick, \(Units.count(context.podCount)) pods on \(Units.count(context.nodeCount)) directory nodes")
        let repository = try fleetRepository()
        let state = context.path("state-tick")
        func reconcile(_ output: String) -> ChildProcess {
            ChildProcess(
                program: context.agentplane, arguments: ["reconcile", "--repo", repository, "--state-dir", state],
                stdoutPath: context.path(output + ".out"), stderrPath: context.path(output + ".err"), environment: ["NO_COLOR": "1"])
        }
        // Converge: every object is written to its directory node.
        let converge = try expectSuccess(reconcile("tick-converge"))
        // In sync, through the full pipeline; it records the fast path.
        let inSync = try expectSuccess(reconcile("tick-in-sync"))
        // What every further tick does while nothing changes.
        let tick = try Sample.measure(reconcile("tick-noop"), count: max(context.runs, 5))
        let tickText = (try? String(contentsOfFile: context.path("tick-noop.out"), encoding: .utf8)) ?? ""
        guard tickText.contains("nothing changed since the last run") else {
            throw BenchFailure.setup("the no-op reconcile did not take the fast path; it printed: \(tickText.prefix(300))")
        }
        table.add(.init(
            figure: "no-op tick wall (reconcile, applying)", value: Units.seconds(tick.wallSeconds),
            comparison: "full in-sync run \(Units.seconds(inSync.wallSeconds))",
            ratio: "\(Units.ratio(inSync.wallSeconds / tick.wallSeconds)) faster", target: "< 100 ms",
            verdict: tick.wallSeconds < 0.1 ? .pass : .miss))
        table.add(.init(figure: "no-op tick peak RSS", value: Units.megabytes(kib: tick.peakRSSKiB)))
        table.add(.init(
            figure: "first reconcile (converge, every file written)", value: Units.seconds(converge.wallSeconds),
            comparison: "CPU \(Units.seconds(converge.cpuSeconds)), peak RSS \(Units.megabytes(kib: converge.peakRSSKiB))"))
        table.notes.append(
            "tick = `agentplane reconcile --repo R --state-dir S` (no --dry-run, what one --watch tick runs) after a converging "
                + "run and a full in-sync run; it fingerprints every node (an fstatat of each file, no file read), answers "
                + "from the fast-path record and leaves the state database closed. Median of "
                + "\(max(context.runs, 5)) runs (\(tick.runs.map { Units.seconds($0) }.joined(separator: ", "))); CPU "
                + "\(Units.seconds(tick.cpuSeconds)). A --watch tick also fetches the remote; a local repo has nothing to fetch.")
        return table
    }

    // MARK: - Processes

    @discardableResult
    private func expectSuccess(_ child: ChildProcess) throws -> ChildProcess.Run {
        let run = try child.run()
        guard run.status == 0 else {
            throw BenchFailure.unexpectedExit(
                command: ([child.program] + child.arguments).joined(separator: " "), status: run.status, stderrPath: child.stderrPath)
        }
        return run
    }

    private func git(_ repository: String, _ arguments: [String]) throws {
        try expectSuccess(ChildProcess(program: "git", arguments: ["-C", repository] + arguments, stderrPath: context.path("git.err")))
    }
}
