import Foundation

/// The built `agentplane` executable, found next to the test bundle in the build directory
/// (`swift build --build-tests`, which `make test` runs, builds it too).
enum AgentplaneBinary {
    static func path() throws -> String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("agentplane").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        throw DeployCommand.Failure(
            description: "the agentplane binary was not found near \(runner.path): run `make test` (it builds it)")
    }

    /// The long options `agentplane reconcile --help` lists.
    static func reconcileOptions() throws -> Set<String> {
        let result = try DeployCommand.run(try path(), ["reconcile", "--help"])
        guard result.status == 0 else {
            throw DeployCommand.Failure(description: "agentplane reconcile --help failed:\n\(result.transcript)")
        }
        return Set(CommandLineFlags.longOptions(in: result.stdout))
    }
}

/// `--name` options in a text (a command line, a help page).
enum CommandLineFlags {
    static func longOptions(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" || $0 == "\"" })
            .filter { $0.hasPrefix("--") && $0.count > 2 }
            .map { String($0.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }) }
            .filter { !$0.isEmpty }
    }
}
