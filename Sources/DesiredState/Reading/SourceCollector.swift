import Formats
import PlaneModel

/// Walks `desired/` and `fleet/` of a `SourceTree` and reads every document, applying the same
/// checks to a directory on disk and to a git commit (see `SourceLayout` for the decisions).
///
/// Every problem becomes a `Diagnostic` with the file's path; nothing is thrown. A file is
/// checked for its size before it is read, so a 100 MB file costs a `stat`, not 100 MB.
struct SourceCollector {
    let tree: any SourceTree
    let options: SourceReadOptions
    /// Where the tree comes from, for messages about missing directories (a path or a commit).
    let origin: String

    /// Reads every document of the tree; files and diagnostics are sorted.
    func collect() -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for root in SourceLayout.roots {
            walk(root: root, files: &files, diagnostics: &diagnostics)
        }
        let hasFleetDirectory = (try? tree.entryKind(at: "fleet")) == .directory
        if hasFleetDirectory, !files.contains(where: { $0.path == SourceLayout.fleetPath }),
            !diagnostics.contains(where: { $0.file == SourceLayout.fleetPath })
        {
            diagnostics.append(Diagnostic(
                file: SourceLayout.fleetPath, code: "missing",
                message: "file not found; the fleet inventory (kind Fleet) is required"))
        }
        files.sort { ByteOrder.precedes($0.path, $1.path) }
        return (files, diagnostics.sorted())
    }

    // MARK: - Walking

    private func walk(root: String, files: inout [SourceFile], diagnostics: inout [Diagnostic]) {
        let rootKind: SourceEntry.Kind?
        do {
            rootKind = try tree.entryKind(at: root)
        } catch {
            diagnostics.append(failure(error, path: root + "/"))
            return
        }
        switch rootKind {
        case nil:
            diagnostics.append(Diagnostic(
                file: root + "/", code: "missing",
                message: "directory not found in \(origin); a desired-state repository holds desired/ and fleet/ at its top level"))
            return
        case .directory?:
            break
        case let kind?:
            if let problem = problem(with: kind, path: root + "/") {
                diagnostics.append(problem)
            } else {
                diagnostics.append(Diagnostic(
                    file: root, code: "not-directory", message: "expected a directory, found a file"))
            }
            return
        }
        var pending = [root]
        while let directory = pending.popLast() {
            let entries: [SourceEntry]
            do {
                entries = try tree.entries(of: directory)
            } catch {
                diagnostics.append(failure(error, path: directory + "/"))
                continue
            }
            let sorted = entries.sorted { ByteOrder.precedes($0.name, $1.name) }
            for entry in sorted.reversed() {
                let path = directory + "/" + entry.name
                switch entry.kind {
                case .directory:
                    if !entry.name.hasPrefix(".") { pending.append(path) }
                case .file(let size):
                    visitFile(path: path, size: size, files: &files, diagnostics: &diagnostics)
                default:
                    if let problem = problem(with: entry.kind, path: path) { diagnostics.append(problem) }
                }
            }
        }
    }

    private func visitFile(path: String, size: Int, files: inout [SourceFile], diagnostics: inout [Diagnostic]) {
        switch SourceLayout.role(of: path) {
        case .ignoredQuietly:
            return
        case .ignoredWithWarning:
            diagnostics.append(Diagnostic(
                .warning, file: path, code: "ignored-file",
                message: "ignored: not a .json file; \(SourceLayout.layoutHint)"))
            return
        case .misplacedJSON:
            diagnostics.append(Diagnostic(
                file: path, code: "unexpected-file",
                message: "not a document location, so this file would never be applied; \(SourceLayout.layoutHint)"))
            return
        case .document:
            break
        }
        if size > options.maxFileSize {
            diagnostics.append(tooLarge(path: path, size: size))
            return
        }
        let bytes: [UInt8]
        do {
            bytes = try tree.contents(of: path, limit: options.maxFileSize)
        } catch {
            diagnostics.append(failure(error, path: path))
            return
        }
        if let finding = TextCheck.firstBinaryByte(in: bytes) {
            diagnostics.append(Diagnostic(
                file: path, line: finding.line, column: finding.column, code: "binary",
                message: "binary file: \(finding.what) at byte offset \(finding.offset); documents must be UTF-8 JSON text"))
            return
        }
        files.append(SourceFile(path: path, bytes: bytes))
    }

    // MARK: - Diagnostics

    /// The error for an entry that is neither a directory nor a regular file, or nil.
    private func problem(with kind: SourceEntry.Kind, path: String) -> Diagnostic? {
        switch kind {
        case .directory, .file:
            return nil
        case .symlink(let target):
            let to = target.map { " to '\($0)'" } ?? ""
            return Diagnostic(
                file: path, code: "symlink",
                message: "symbolic link\(to); documents must be regular files, symlinks are not followed")
        case .submodule:
            return Diagnostic(
                file: path, code: "submodule",
                message: "git submodule; documents must be regular files of this repository, submodules are not read")
        case .other(let what):
            return Diagnostic(
                file: path, code: "not-regular", message: "\(what), not a regular file; not read")
        }
    }

    private func failure(_ failure: SourceReadFailure, path: String) -> Diagnostic {
        switch failure {
        case .tooLarge(let size):
            return tooLarge(path: path, size: size)
        case .notRegular(let what):
            return Diagnostic(file: path, code: "not-regular", message: "\(what), not a regular file; not read")
        case .unreadable(let reason):
            return Diagnostic(file: path, code: "unreadable", message: "cannot read: \(reason)")
        }
    }

    private func tooLarge(path: String, size: Int) -> Diagnostic {
        Diagnostic(
            file: path, code: "too-large",
            message: "file is \(size) bytes, over the \(options.maxFileSize)-byte limit (\(Self.humanSize(options.maxFileSize))); not read")
    }

    /// `4194304` → `4 MiB`, `1536` → `1.5 KiB`, `100` → `100 bytes`.
    static func humanSize(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = "bytes"
        for candidate in units where value >= 1024 {
            value /= 1024
            unit = candidate
        }
        if unit == "bytes" { return "\(bytes) bytes" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) \(unit)" : "\(rounded) \(unit)"
    }
}
