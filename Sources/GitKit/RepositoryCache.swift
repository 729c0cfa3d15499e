import Formats
import Foundation

/// Bare mirrors of remote repositories under a state directory, one per URL.
///
/// `<stateDirectory>/repos/<sha256 of the URL>` is cloned the first time a URL is opened and
/// fetched every time after (see ``Repository/fetch(remote:credentials:)``: the remote's
/// branches land in `refs/remotes/origin/`, never in local branches). A caller resolves what
/// the user passed as `--ref` with ``Repository/resolve(_:fetchedFrom:)`` and `"origin"`:
///
/// | `--ref`                     | resolves to                                   |
/// | --------------------------- | --------------------------------------------- |
/// | absent                      | `refs/remotes/origin/<defaultBranch()>`        |
/// | `main`, `main~1`            | `refs/remotes/origin/main` (its parent)        |
/// | `v1.2` (a tag)              | `refs/tags/v1.2`, peeled to its commit         |
/// | a commit id, `origin/main`, `refs/remotes/origin/main` | as `git rev-parse` |
///
/// A first clone goes into a temporary directory beside the mirror and is renamed into place,
/// so an interrupted clone leaves no half mirror and two processes may race safely. A mirror
/// that no longer opens as a repository is moved aside (`<hash>.broken-<uuid>`) and cloned anew.
public enum RepositoryCache {
    /// Opens the mirror of `url`, cloning it on first use and fetching it otherwise.
    ///
    /// - Parameters:
    ///   - url: a remote URL, or a local path (made absolute first, so the key does not depend
    ///     on the working directory).
    ///   - stateDirectory: the state dir; mirrors go under its `repos/` folder, created as needed.
    /// - Throws: the errors of ``Repository/clone(url:into:credentials:)`` and
    ///   ``Repository/fetch(remote:credentials:)``.
    public static func open(
        url: String, stateDirectory: String, credentials: RemoteCredentials = .fromEnvironment()
    ) throws(GitError) -> Repository {
        let key = normalizedURL(url)
        let path = mirrorPath(for: key, stateDirectory: stateDirectory)
        let parent = (path as NSString).deletingLastPathComponent
        if FileManager.default.fileExists(atPath: path) {
            do {
                let repository = try Repository.open(at: path)
                try repository.fetch(remote: "origin", credentials: credentials)
                return repository
            } catch .notARepository, .unreadableRevision, .remoteNotFound {
                let aside = path + ".broken-" + UUID().uuidString
                do {
                    try FileManager.default.moveItem(atPath: path, toPath: aside)
                } catch {
                    throw .invalidArgument("cannot move the broken mirror \(path) aside: \(error.localizedDescription)")
                }
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .invalidArgument("cannot create the mirror directory \(parent): \(error.localizedDescription)")
        }
        let temporary = (parent as NSString).appendingPathComponent(".clone-" + UUID().uuidString)
        _ = try Repository.clone(url: key, into: temporary, credentials: credentials)
        do {
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            // Another process cloned the same URL first: keep its mirror.
            try? FileManager.default.removeItem(atPath: temporary)
            guard FileManager.default.fileExists(atPath: path) else {
                throw .invalidArgument("cannot move the new mirror into \(path): \(error.localizedDescription)")
            }
        }
        return try Repository.open(at: path)
    }

    /// Where the mirror of `url` lives: `<stateDirectory>/repos/<sha256 of the normalised URL>`.
    public static func mirrorPath(forURL url: String, stateDirectory: String) -> String {
        mirrorPath(for: normalizedURL(url), stateDirectory: stateDirectory)
    }

    /// A local path made absolute and standardised (`file://` URLs and network URLs unchanged).
    public static func normalizedURL(_ url: String) -> String {
        guard !url.hasPrefix("file://"), RemoteSession.localPath(url) != nil else { return url }
        let absolute =
            url.hasPrefix("/")
            ? url : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(url)
        return (absolute as NSString).standardizingPath
    }

    private static func mirrorPath(for key: String, stateDirectory: String) -> String {
        let repos = (stateDirectory as NSString).appendingPathComponent("repos")
        return (repos as NSString).appendingPathComponent(SHA256.hex(Array(key.utf8)))
    }
}
