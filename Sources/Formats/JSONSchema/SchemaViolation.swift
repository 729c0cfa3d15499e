/// One way an instance fails a JSON Schema: where in the instance, where in the schema, and why.
///
/// Violations are produced only on failure, so building their strings costs nothing when a
/// document is valid.
public struct SchemaViolation: Hashable, Sendable, CustomStringConvertible {
    /// RFC 6901 JSON pointer to the offending value in the instance; `""` is the root.
    ///
    /// For an unknown property (`additionalProperties: false`) it points at that property, and for a
    /// missing required property at the object that lacks it.
    public var instancePointer: String
    /// Source position of the offending value. For an unknown or badly named property, the
    /// position of its key; for a missing required property, the position of the object.
    public var position: TextPosition
    /// JSON pointer to the failing keyword in the schema document, e.g. `/properties/spec/required`.
    /// Keywords of a schema registered under another `$id` are prefixed with that URI and `#`.
    public var keywordLocation: String
    /// A short, compiler-style message, e.g. `expected string, got number`.
    public var message: String

    public init(instancePointer: String, position: TextPosition, keywordLocation: String, message: String) {
        self.instancePointer = instancePointer
        self.position = position
        self.keywordLocation = keywordLocation
        self.message = message
    }

    /// `line:column: pointer: message`, the way a compiler prints it.
    public var description: String {
        let pointer = instancePointer.isEmpty ? "/" : instancePointer
        return "\(position.line):\(position.column): \(pointer): \(message)"
    }
}
