/// Tests over a string's UTF-8 bytes, read in place when the string is stored contiguously
/// (native strings are): iterating `String.UTF8View` goes byte by byte through its iterator,
/// which made such scans show in every hot path that checks names, keys or values.
public enum UTF8Scan {
    /// Whether some byte of `text` satisfies `predicate`.
    @inlinable
    public static func contains(_ text: String, where predicate: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) }
            ?? text.utf8.contains(where: predicate)
    }

    /// Whether every byte of `text` satisfies `predicate` (true for the empty string).
    @inlinable
    public static func allSatisfy(_ text: String, _ predicate: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(predicate) } ?? text.utf8.allSatisfy(predicate)
    }
}
