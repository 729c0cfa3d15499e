import Formats
import PlaneModel

/// What the semantic rules see: the documents that loaded cleanly, the parsed JSON of each file
/// (to point findings at a line and column), and the names that files which failed to load
/// would have defined.
///
/// A file that fails to parse, has the wrong kind, breaks its schema or cannot be decoded is
/// left out of `documents`. The names it would have defined (its file name, and its
/// `metadata.name` when that could be read) go into `unavailableNames`, and rules do not
/// report references to them: the file's own error explains the problem, and a cascade of
/// "unknown bundle" errors would only hide it.
public struct SemanticContext: Sendable {
    /// The typed documents that passed parsing, schema validation and decoding.
    public var documents: DesiredDocuments
    /// The parsed JSON of each loaded document, by repository-relative path.
    public var nodes: [String: JSONNode]
    /// Per kind, the names defined by files that failed to load.
    public var unavailableNames: [DocumentKind: Set<String>]
    /// The text of loaded documents, by path, where the caller kept it: a rule may rule out a
    /// walk of the parse tree from the bytes (`ControlCharacterRule`).
    public var texts: [String: [UInt8]]

    public init(
        documents: DesiredDocuments, nodes: [String: JSONNode] = [:],
        unavailableNames: [DocumentKind: Set<String>] = [:], texts: [String: [UInt8]] = [:]
    ) {
        self.documents = documents
        self.nodes = nodes
        self.unavailableNames = unavailableNames
        self.texts = texts
    }

    /// Whether `name` of `kind` is defined by a file that failed to load (so a reference to it
    /// must not be reported as unknown).
    public func isUnavailable(_ name: String, _ kind: DocumentKind) -> Bool {
        unavailableNames[kind]?.contains(name) ?? false
    }

    /// A diagnostic at the value `pointer` names in the file at `file`, with its line and column.
    ///
    /// When the pointer leads nowhere (a defaulted field), the deepest node on its way is used.
    /// With `atKey`, the position is that of the member's key instead of its value.
    public func diagnostic(
        _ code: String, file: String, pointer: String, atKey: Bool = false, _ message: String,
        severity: Diagnostic.Severity = .error
    ) -> Diagnostic {
        let position = nodes[file].flatMap { Self.position(of: pointer, in: $0, atKey: atKey) }
        return Diagnostic(
            severity, file: file, line: position?.line, column: position?.column, pointer: pointer,
            code: code, message: message)
    }

    /// The position of the value (or key) `pointer` names in `root`, or of the deepest node on
    /// the way when the pointer does not resolve.
    static func position(of pointer: String, in root: JSONNode, atKey: Bool) -> TextPosition? {
        guard let components = JSONPointer.components(pointer) else { return root.position }
        var current = root
        var keyPosition: TextPosition?
        for component in components {
            switch current.value {
            case .object(let object):
                guard let member = object.member(component) else { return current.position }
                keyPosition = member.keyPosition
                current = member.value
            case .array(let elements):
                guard let index = Int(component), index >= 0, index < elements.count else { return current.position }
                keyPosition = nil
                current = elements[index]
            default:
                return current.position
            }
        }
        if atKey, let keyPosition { return keyPosition }
        return current.position
    }
}
