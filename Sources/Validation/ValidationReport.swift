import Formats
import PlaneModel

/// The outcome of validating one desired state: the typed documents that loaded, and every
/// diagnostic of the run (read problems, JSON, schema, decoding and semantic rules), sorted.
public struct ValidationReport: Sendable {
    /// The documents that parsed, matched their schema and decoded, each kind sorted by path.
    /// Documents with semantic errors are included; check `isValid` before using them.
    public var documents: DesiredDocuments
    /// The parsed JSON of every document in `documents`, by repository-relative path.
    public var nodes: [String: JSONNode]
    /// Every finding of the run, sorted by file, line, column, pointer and message.
    public var diagnostics: [Diagnostic]
    /// How many files were read and checked (not counting files that could not be read).
    public var fileCount: Int

    public init(documents: DesiredDocuments, nodes: [String: JSONNode], diagnostics: [Diagnostic], fileCount: Int) {
        self.documents = documents
        self.nodes = nodes
        self.diagnostics = diagnostics.sorted()
        self.fileCount = fileCount
    }

    /// True when no diagnostic is an error (warnings do not make the state invalid).
    public var isValid: Bool { errorCount == 0 }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
