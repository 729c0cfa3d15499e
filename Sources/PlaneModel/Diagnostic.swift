/// One finding about the desired state, pointing at the file, line and column it concerns.
///
/// Rendered gcc-style so editors can jump to it:
/// `desired/agentpods/web.json:12:5: error: /spec/containers/0/image: expected string, got number`
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// Repository-relative path of the file, or nil for findings about the run as a whole.
    public var file: String?
    /// 1-based line, or nil when unknown.
    public var line: Int?
    /// 1-based column, or nil when unknown.
    public var column: Int?
    /// JSON pointer (RFC 6901) into the document, or nil.
    public var pointer: String?
    /// A stable rule code such as `schema`, `reference`, `secret-literal`.
    public var code: String
    public var message: String

    public init(
        _ severity: Severity = .error,
        file: String? = nil,
        line: Int? = nil,
        column: Int? = nil,
        pointer: String? = nil,
        code: String,
        message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.code = code
        self.message = message
    }

    /// The gcc-style one-line form.
    public var formatted: String {
        var out = ""
        if let file {
            out += file
            if let line {
                out += ":\(line)"
                if let column { out += ":\(column)" }
            }
            out += ": "
        }
        out += "\(severity.rawValue): "
        if let pointer { out += "\(pointer.isEmpty ? "/" : pointer): " }
        out += message
        return out
    }
}

extension Diagnostic: Comparable {
    /// Orders by file, then line, column, pointer and message: the order a reader expects.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let l = (lhs.file ?? "", lhs.line ?? 0, lhs.column ?? 0)
        let r = (rhs.file ?? "", rhs.line ?? 0, rhs.column ?? 0)
        if l != r { return l < r }
        if (lhs.pointer ?? "") != (rhs.pointer ?? "") { return (lhs.pointer ?? "") < (rhs.pointer ?? "") }
        return lhs.message < rhs.message
    }
}
