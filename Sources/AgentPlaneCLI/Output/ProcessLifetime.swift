/// Keeps a value alive until the process exits.
///
/// A one-shot command exits right after printing; freeing a 10,000-pod plan object by object
/// costs a tenth of a second and gives nothing back (compilers skip it the same way). Never
/// use it in a loop (`--watch`): each call keeps its value for good.
enum ProcessLifetime {
    private final class Box<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
