import DesiredState
import Formats
import PlaneModel

/// What the per-file stages (parse → kind → schema → decode) made of one file.
struct FileOutcome: Sendable {
    /// The repository-relative path.
    var path: String
    /// The kind the file's location demands, or nil for a file outside the layout.
    var expectedKind: DocumentKind?
    /// The parsed JSON, when the file parsed.
    var node: JSONNode?
    /// The typed document, when every stage passed.
    var document: DecodedDocument?
    /// The findings of these stages.
    var diagnostics: [Diagnostic]

    /// The names this file would define if it had loaded: its file name, and its
    /// `metadata.name` when the JSON parsed far enough to hold one.
    var intendedNames: Set<String> {
        var names: Set<String> = []
        if let name = SourceLayout.expectedName(at: path) { names.insert(name) }
        if let name = node?["metadata"]?["name"]?.stringValue { names.insert(name) }
        return names
    }
}
