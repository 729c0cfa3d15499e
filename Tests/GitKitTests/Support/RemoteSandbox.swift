import Foundation

@testable import GitKit

/// A bare "remote" repository and a work repository that pushes to it, both built with the git CLI.
///
/// Everything lives in one ``GitSandbox`` temp directory (private `HOME`, `GIT_CONFIG_NOSYSTEM=1`).
final class RemoteSandbox {
    /// The upstream work repository (its `origin` is ``remotePath``).
    let upstream: GitSandbox
    /// The bare remote.
    let remotePath: String
    /// `file://` URL of the bare remote.
    var remoteURL: String { URL(fileURLWithPath: remotePath).absoluteString }

    init() throws {
        upstream = try GitSandbox()
        remotePath = upstream.root.appendingPathComponent("remote.git").path
        try upstream.git(["init", "-q", "--bare", "-b", "main", remotePath], in: upstream.root.path)
        try upstream.git("remote", "add", "origin", remotePath)
    }

    /// A fresh path inside the sandbox for a clone or a cache.
    func path(_ name: String) -> String { upstream.root.appendingPathComponent(name).path }

    /// Writes files in the upstream work tree, commits on the current branch and pushes it.
    @discardableResult
    func commitAndPush(_ files: [String: String], message: String, branch: String = "main") throws -> ObjectID {
        for (path, text) in files { try upstream.write(path, text) }
        let id = try upstream.commit(message)
        try upstream.git("push", "-q", "origin", "HEAD:refs/heads/\(branch)")
        return try ObjectIDParse.parse(id)
    }

    /// Runs git in the bare remote.
    @discardableResult
    func remoteGit(_ arguments: String...) throws -> String {
        try upstream.git(arguments, in: remotePath)
    }
}

/// Parses an id printed by git, failing the test when it is not one.
enum ObjectIDParse {
    struct NotAnID: Error, CustomStringConvertible {
        let text: String
        var description: String { "'\(text)' is not an object id" }
    }

    static func parse(_ text: String) throws -> ObjectID {
        guard let id = ObjectID(hex: text) else { throw NotAnID(text: text) }
        return id
    }
}
