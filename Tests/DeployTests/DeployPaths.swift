import Foundation

/// Where the deploy files are (found from this file's path, never from the working directory)
/// and scratch folders for the copies the tests change.
enum DeployPaths {
    /// The package root: `Tests/DeployTests/DeployPaths.swift` → `../..`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let deploy = root.appendingPathComponent("deploy")
    static let systemd = deploy.appendingPathComponent("systemd")
    static let quadlet = deploy.appendingPathComponent("quadlet")
    static let kubernetes = deploy.appendingPathComponent("kubernetes")

    /// A new empty folder under the temporary directory; the caller removes it.
    static func temporaryFolder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentplane-deploy-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The text of a deploy file.
    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// The names of the files in `folder` with extension `ext`, sorted.
    static func files(in folder: URL, withExtension ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix("." + ext) }
            .sorted()
    }
}
