import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentplane-validation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        // Restore permissions a test removed, so everything can be deleted.
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in enumerator {
                chmod(path + "/" + relative, 0o755)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to the relative `file`, creating parent directories.
    func write(_ file: String, _ text: String) throws {
        try write(file, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to the relative `file`, creating parent directories.
    func write(_ file: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes every file of `repo`.
    func write(_ repo: TestRepo) throws {
        for (file, text) in repo.files { try write(file, text) }
    }

    /// Creates a sparse file of `size` bytes (no data blocks: fast, and no disk used).
    func sparseFile(_ file: String, size: UInt64) throws {
        try write(file, bytes: [])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path).appendingPathComponent(file))
        try handle.truncate(atOffset: size)
        try handle.close()
    }

    /// Creates a symbolic link at `file` pointing to `target`.
    func symlink(_ file: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + file, withDestinationPath: target)
    }
}
