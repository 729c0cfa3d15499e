import Foundation

/// A stand-in for an outside program (`systemctl`, `kubectl`, `podman`): a shell script that
/// records every argv it gets and then runs `body`.
///
/// The recorded argvs (one argument per line, calls separated by a `--end--` line) let a test
/// assert exactly what the executor ran.
final class FakeProgram: Sendable {
    let path: String
    let log: String

    init(_ name: String, in folder: TemporaryFolder, body: String) throws {
        path = folder.path + "/bin/" + name
        log = folder.path + "/\(name).argv"
        let script = """
            #!/bin/sh
            printf '%s\\n' "$@" --end-- >> '\(log)'
            \(body)

            """
        try folder.write("bin/" + name, script)
        guard chmod(path, 0o755) == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Every call's argv, in call order.
    func calls() throws -> [[String]] {
        guard FileManager.default.fileExists(atPath: log) else { return [] }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        var calls: [[String]] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line == "--end--" {
                calls.append(current)
                current = []
            } else {
                current.append(String(line))
            }
        }
        return calls
    }

    /// A script body that prints `file` and exits 0.
    static func printing(_ file: URL) -> String {
        "cat '\(file.path)'"
    }

    /// A script body that prints `stderr` on stderr and exits `status`.
    static func failing(_ stderr: String, status: Int32 = 1) -> String {
        "printf '%s\\n' '\(stderr.replacingOccurrences(of: "'", with: "'\\''"))' >&2\nexit \(status)"
    }
}
