import GitKit
import PlaneModel

extension DesiredStateReader {
    /// Reads the desired-state files of `commit` in an already open repository (the reconciler
    /// reads several revisions of one repository per run).
    public static func read(
        _ repository: Repository, commit: ObjectID, label: String, options: SourceReadOptions = .init()
    ) -> DesiredSources {
        let origin = "\(repository.workTree ?? repository.gitDirectory)@\(label)"
        do {
            let treeFiles = try repository.files(under: SourceLayout.roots, at: commit, maxBlobSize: options.maxFileSize)
            let collector = SourceCollector(
                tree: GitTree(files: treeFiles), options: options, origin: "commit \(commit.short) ('\(label)')")
            let (files, diagnostics) = collector.collect()
            return DesiredSources(origin: origin, commit: commit.hex, files: files, diagnostics: diagnostics)
        } catch {
            return DesiredSources(origin: origin, files: [], diagnostics: [
                Diagnostic(code: "git", message: error.description)
            ])
        }
    }
}
