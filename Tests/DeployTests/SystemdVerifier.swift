import Foundation

/// Checks unit files with `systemd-analyze`, offline: no systemd needs to run as PID 1 (this
/// works in a container), only the `systemd` package.
///
/// `verify` refuses a unit whose ExecStart program does not exist ("Command … is not
/// executable"), and /usr/local/bin/agentplane is not installed where the tests run. So the
/// units are copied into a scratch folder with only that program path rewritten to /bin/true;
/// every other line, the arguments of ExecStart included, is checked as shipped.
enum SystemdVerifier {
    /// The program the shipped units start, and its stand-in in the scratch copies.
    static let program = "/usr/local/bin/agentplane"
    static let standIn = "/bin/true"

    static func analyze() throws -> String {
        try DeployCommand.require("systemd-analyze", hint: "Debian package `systemd`")
    }

    /// Copies `files` (name → text) into a new scratch folder, the program path rewritten.
    static func scratchCopy(_ files: [(name: String, text: String)]) throws -> URL {
        let folder = try DeployPaths.temporaryFolder("units")
        for file in files {
            let text = file.text.replacingOccurrences(of: "ExecStart=" + program, with: "ExecStart=" + standIn)
            try Data(text.utf8).write(to: folder.appendingPathComponent(file.name))
        }
        return folder
    }

    /// The shipped units of deploy/systemd, by file name.
    static func shippedUnits() throws -> [(name: String, text: String)] {
        let names = try DeployPaths.files(in: DeployPaths.systemd, withExtension: "service")
            + DeployPaths.files(in: DeployPaths.systemd, withExtension: "timer")
        return try names.map { ($0, try DeployPaths.text(DeployPaths.systemd.appendingPathComponent($0))) }
    }

    /// `systemd-analyze verify --man=no` over every file of `files`, together (so references
    /// between them resolve). systemd reports unknown keys and sections, bad values and missing
    /// programs on stderr; some of those only as warnings with exit status 0, so a clean result
    /// needs both status 0 and nothing on stderr.
    static func verify(_ files: [(name: String, text: String)]) throws -> DeployCommand.Result {
        let tool = try analyze()
        let folder = try scratchCopy(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = files.map { folder.appendingPathComponent($0.name).path }
        return try DeployCommand.run(tool, ["verify", "--man=no"] + paths)
    }

    /// The overall exposure level that `systemd-analyze security --offline=yes` gives `unit`
    /// (0.0 best, 10.0 worst), and the full table for messages.
    static func exposure(of unit: (name: String, text: String)) throws -> (level: Double, table: String) {
        let tool = try analyze()
        let folder = try scratchCopy([unit])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try DeployCommand.run(
            tool, ["security", "--offline=yes", "--no-pager", folder.appendingPathComponent(unit.name).path])
        let marker = "Overall exposure level for \(unit.name): "
        let output = result.stdout + result.stderr
        guard let range = output.range(of: marker) else {
            throw DeployCommand.Failure(description: "systemd-analyze security printed no exposure level:\n\(result.transcript)")
        }
        let number = output[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        guard let level = Double(number) else {
            throw DeployCommand.Failure(description: "unreadable exposure level '\(number)':\n\(result.transcript)")
        }
        return (level, output)
    }
}
