import DesiredState
import Formats
import PlaneModel

/// Validates desired-state files: JSON → kind → JSON Schema → typed documents → semantic rules.
///
/// ```swift
/// let sources = DesiredStateReader.read(directory: ".")
/// let report = Validator().validate(sources)
/// for diagnostic in report.diagnostics { print(diagnostic.formatted) }
/// ```
///
/// Every error of a run is reported. A file that fails an earlier stage (JSON syntax, wrong
/// kind, schema, decoding) is left out of the later ones, so one broken file yields its own
/// errors and not a cascade: its kind is never checked against the wrong schema, and
/// references to the names it would have defined are not reported as unknown
/// (`SemanticContext.unavailableNames`), nor are references to the file name of a document
/// whose `metadata.name` differs from it (that gets its own error). Pure: no I/O; schemas are compiled into the binary.
public struct Validator: Sendable {
    /// Limits for the JSON reader (size and nesting).
    public var jsonOptions: JSONReader.Options
    /// Files at or above this count are checked on all cores.
    public var parallelThreshold: Int

    public init(jsonOptions: JSONReader.Options = .init(), parallelThreshold: Int = 64) {
        self.jsonOptions = jsonOptions
        self.parallelThreshold = parallelThreshold
    }

    /// Validates what `DesiredStateReader` read, keeping its read diagnostics in the report.
    ///
    /// A document that could not be read (oversized, binary, unreadable…) counts as failed to
    /// load, so references to its name are not reported as unknown.
    public func validate(_ sources: DesiredSources) -> ValidationReport {
        let unreadable = sources.diagnostics
            .filter { $0.severity == .error }
            .compactMap(\.file)
            .filter { SourceLayout.documentKind(at: $0) != nil }
        let report = validate(files: sources.files, unreadable: unreadable)
        return ValidationReport(
            documents: report.documents, nodes: report.nodes,
            diagnostics: sources.diagnostics + report.diagnostics, fileCount: report.fileCount)
    }

    /// Validates `files` (repository-relative paths). `unreadable` names document paths that
    /// exist but could not be read; their names are treated as failed to load.
    public func validate(files: [SourceFile], unreadable: [String] = []) -> ValidationReport {
        let outcomes = checkFiles(files)
        var diagnostics: [Diagnostic] = []
        var documents = DesiredDocuments()
        var nodes: [String: JSONNode] = [:]
        var unavailable: [DocumentKind: Set<String>] = [:]

        for path in unreadable {
            guard let kind = SourceLayout.documentKind(at: path) else { continue }
            if let name = SourceLayout.expectedName(at: path) { unavailable[kind, default: []].insert(name) }
        }
        for outcome in outcomes {
            diagnostics += outcome.diagnostics
            if let document = outcome.document, let node = outcome.node {
                documents.insert(document)
                nodes[outcome.path] = node
            } else if let kind = outcome.expectedKind {
                unavailable[kind, default: []].formUnion(outcome.intendedNames)
            }
        }
        documents.sortByPath()
        // A document whose name differs from its file name was probably meant to carry the
        // file's name: references to that name get the file-name error, not "unknown" ones.
        for (kind, name, path) in documents.namesAndPaths {
            if let intended = SourceLayout.expectedName(at: path), intended != name {
                unavailable[kind, default: []].insert(intended)
            }
        }
        let context = SemanticContext(documents: documents, nodes: nodes, unavailableNames: unavailable)
        diagnostics += SemanticRules.checkAcrossDocuments(context)
        return ValidationReport(documents: documents, nodes: nodes, diagnostics: diagnostics, fileCount: files.count)
    }

    // MARK: - Per-file stages

    /// Runs the per-file stages on every file, in parallel for large inputs; results keep
    /// the order of `files`.
    private func checkFiles(_ files: [SourceFile]) -> [FileOutcome] {
        files.concurrentMap(minimumCount: parallelThreshold, checkFile)
    }

    /// parse → kind → schema → decode → the per-document semantic rules, for one file.
    func checkFile(_ file: SourceFile) -> FileOutcome {
        let path = file.path
        guard let kind = SourceLayout.documentKind(at: path) else {
            return FileOutcome(path: path, diagnostics: [
                Diagnostic(file: path, code: "unexpected-file", message: "not a document location; \(SourceLayout.layoutHint)")
            ])
        }
        var outcome = FileOutcome(path: path, expectedKind: kind, diagnostics: [])
        let node: JSONNode
        do {
            node = try JSONReader.parse(file.bytes, options: jsonOptions)
        } catch {
            outcome.diagnostics.append(Diagnostic(
                file: path, line: error.position.line, column: error.position.column, code: "json",
                message: error.message))
            return outcome
        }
        outcome.node = node

        if let kindNode = node["kind"], let found = kindNode.stringValue, found != kind.rawValue,
            DocumentKind(rawValue: found) != nil
        {
            outcome.diagnostics.append(Diagnostic(
                file: path, line: kindNode.position.line, column: kindNode.position.column, pointer: "/kind",
                code: "kind", message: "kind '\(found)' does not match the file's location: \(Self.location(of: kind)) holds kind \(kind.rawValue)"))
            return outcome
        }

        switch SchemaCatalog.schema(for: kind) {
        case .failure(let error):
            outcome.diagnostics.append(Diagnostic(file: path, code: "internal", message: error.description))
            return outcome
        case .success(let schema):
            let violations = schema.validate(node)
            if !violations.isEmpty {
                outcome.diagnostics += violations.map { violation in
                    Diagnostic(
                        file: path, line: violation.position.line, column: violation.position.column,
                        pointer: violation.instancePointer, code: "schema", message: violation.message)
                }
                return outcome
            }
        }

        switch DocumentDecoder.decode(node, path: path, expecting: kind) {
        case .success(let document):
            outcome.document = document
            outcome.diagnostics += SemanticRules.checkDocument(document, node: node, path: path, bytes: file.bytes)
        case .failure(let failure):
            outcome.diagnostics += failure.diagnostics
        }
        return outcome
    }

    /// `files in desired/agentpods/` or `fleet/inventory.json`, for messages.
    static func location(of kind: DocumentKind) -> String {
        if kind == .fleet { return SourceLayout.fleetPath }
        let directory = SourceLayout.directories.first { $0.kind == kind }?.path ?? "desired"
        return "every file in \(directory)/"
    }
}
