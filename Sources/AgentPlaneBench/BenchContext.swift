import Foundation

/// Where the benchmarks run: the programs they measure, the scratch folder and the settings.
struct BenchContext {
    /// The repository root (schemas/ lives here); the current directory.
    var repositoryRoot: String
    /// `agentplane`, next to this executable (`.build/release/agentplane` under `make bench`).
    var agentplane: String
    /// This executable, for the worker processes.
    var benchExecutable: String
    /// A fresh temporary folder; removed at the end unless `--keep`.
    var scratch: String
    var podCount: Int
    var nodeCount: Int
    /// Repetitions of every measurement; the median is reported.
    var runs: Int

    /// The corpus folder (desired/ and fleet/).
    var corpusRoot: String { scratch + "/corpus" }

    /// A path under the scratch folder.
    func path(_ name: String) -> String { scratch + "/" + name }

    /// `$AGENTPLANE_TEST_PYTHON`, else `.build/venv/bin/python`, else `python3`.
    func python() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["AGENTPLANE_TEST_PYTHON"], FileManager.default.isExecutableFile(atPath: configured) {
            return configured
        }
        let venv = repositoryRoot + "/.build/venv/bin/python"
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return "python3"
    }

    /// The first executable named `name` on `PATH`.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// This executable's absolute path (`/proc/self/exe`, else argv[0]).
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
