import Foundation

/// Writes files the way agentplane promises: atomically, and only when the bytes change.
enum FileWriting {
    /// Writes `bytes` to `path` (creating folders) unless the file already holds exactly them.
    /// Returns true when it wrote.
    static func writeIfChanged(_ bytes: [UInt8], to path: String) throws -> Bool {
        if let existing = FileManager.default.contents(atPath: path), Array(existing) == bytes {
            return false
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure(message: "cannot write \(path): \(error.localizedDescription)")
        }
        return true
    }
}
