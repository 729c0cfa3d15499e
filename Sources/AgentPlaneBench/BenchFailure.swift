import Foundation

/// Why a benchmark could not produce its figures (as opposed to a figure that misses its target).
enum BenchFailure: Error, CustomStringConvertible {
    case unexpectedExit(command: String, status: Int32, stderrPath: String)
    case setup(String)

    var description: String {
        switch self {
        case .unexpectedExit(let command, let status, let stderrPath):
            let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            let tail = stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(15).joined(separator: "\n")
            return "`\(command)` exited with status \(status)\n\(tail)"
        case .setup(let message):
            return message
        }
    }
}
