import PlaneModel

/// Why a document could not be decoded: one `decode` diagnostic per problem, in source order.
public struct DecodeFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems found, each with file, line, column and JSON pointer. Never empty.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.formatted).joined(separator: "\n") }
}
