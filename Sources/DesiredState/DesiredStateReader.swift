import GitKit
import PlaneModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the desired-state files of a repository from a directory on disk or from a git commit.
///
/// Both sources get the same checks (see `SourceLayout`): only `desired/{agentpods,bundles,
/// profiles}/*.json` and `fleet/inventory.json` are read; symlinks, submodules, non-regular
/// files, files over the size limit, binary files (a NUL byte or invalid UTF-8) and unreadable
/// files are reported, as are a missing `desired/` or `fleet/` and a PATH that does not exist.
/// Nothing is thrown: every problem is a `Diagnostic` in the result, so a caller can report
/// them together with the validation errors of the files that could be read.
public enum DesiredStateReader {
    /// Reads the files under `desired/` and `fleet/` of the directory at `path`.
    public static func read(directory path: String, options: SourceReadOptions = .init()) -> DesiredSources {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            let reason = code == ENOENT ? "no such directory" : DirectoryTree.message(code)
            return DesiredSources(origin: path, files: [], diagnostics: [
                Diagnostic(code: "missing", message: "'\(path)': \(reason)")
            ])
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return DesiredSources(origin: path, files: [], diagnostics: [
                Diagnostic(code: "not-directory", message: "'\(path)' is not a directory; give the directory that holds desired/ and fleet/")
            ])
        }
        let collector = SourceCollector(tree: DirectoryTree(root: path), options: options, origin: "'\(path)'")
        let (files, diagnostics) = collector.collect()
        return DesiredSources(origin: path, files: files, diagnostics: diagnostics)
    }

    /// Reads the files under `desired/` and `fleet/` of the commit that `revision` names in the
    /// repository at (or above) `repositoryPath`, never from its work tree.
    public static func read(
        repository repositoryPath: String, revision: String, options: SourceReadOptions = .init()
    ) -> DesiredSources {
        let origin = "\(repositoryPath)@\(revision)"
        do {
            let repository = try Repository.open(at: repositoryPath)
            let commit = try repository.resolve(revision)
            var sources = read(repository, commit: commit, label: revision, options: options)
            sources.origin = origin
            return sources
        } catch {
            return DesiredSources(origin: origin, files: [], diagnostics: [
                Diagnostic(code: "git", message: error.description)
            ])
        }
    }
}
