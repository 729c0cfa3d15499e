/// A JSON document that could not be read: what went wrong, in words a user understands, and where.
///
/// `description` renders as `line:column: message`, e.g.
/// `7:5: duplicate key "image" (first at line 4)`.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure, for callers that branch on it (tests, exit codes).
    public enum Kind: String, Equatable, Hashable, Sendable {
        /// The document is larger than `JSONReader.Options.maxBytes`.
        case documentTooLarge
        /// Arrays and objects are nested deeper than the configured limit.
        case nestingTooDeep
        /// The document (or a string in it) is not valid UTF-8.
        case invalidUTF8
        /// The document starts with a byte order mark (UTF-8 or UTF-16).
        case byteOrderMark
        /// The document holds nothing but whitespace.
        case emptyDocument
        /// The document ends in the middle of a value.
        case unexpectedEnd
        /// A character that cannot start or continue a value at this point.
        case unexpectedCharacter
        /// A misspelt `true`, `false` or `null`.
        case invalidLiteral
        /// A number that does not follow the RFC 8259 grammar (leading zeros, `1.`, `NaN`…).
        case invalidNumber
        /// A number whose magnitude is too large for a 64-bit float.
        case numberOutOfRange
        /// A backslash escape that RFC 8259 does not define, or a malformed `\u` escape.
        case invalidEscape
        /// A `\u` escape of a UTF-16 surrogate without its partner.
        case loneSurrogate
        /// An unescaped control character (U+0000 to U+001F) inside a string.
        case controlCharacter
        /// The same key twice in one object.
        case duplicateKey
        /// Something other than whitespace after the top-level value.
        case trailingCharacters
    }

    public var kind: Kind
    /// A sentence for the user, without position (the position is in `position`).
    public var message: String
    /// Where the problem is: 1-based line and column (Unicode scalars), 0-based byte offset.
    public var position: TextPosition

    public init(_ kind: Kind, _ message: String, at position: TextPosition) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { "\(position.line):\(position.column): \(message)" }
}
