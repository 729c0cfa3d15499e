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

// MARK: - Raw bytes, eight at a time

extension UTF8Scan {
    /// Whether some byte of `bytes` satisfies `byte`, read eight bytes at a time: `word` gets
    /// eight bytes as one 64-bit word and must say whether one of them satisfies `byte`
    /// (built from `hasByte`, `hasZeroByte`, `hasHighByte`); the last few bytes go to `byte`.
    /// A document is scanned in a few hundred instructions instead of a few thousand.
    @inlinable
    public static func containsByte(in bytes: [UInt8], word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                if word(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
                offset += 8
            }
            return raw[offset...].contains(where: byte)
        }
    }

    /// Whether some byte of `word` is zero (exact for every word).
    @inlinable
    public static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether some byte of `word` is `value`.
    @inlinable
    public static func hasByte(_ value: UInt8, in word: UInt64) -> Bool {
        hasZeroByte(word ^ (0x0101_0101_0101_0101 &* UInt64(value)))
    }

    /// Whether some byte of `word` is 0x80 or above (not ASCII).
    @inlinable
    public static func hasHighByte(_ word: UInt64) -> Bool {
        word & 0x8080_8080_8080_8080 != 0
    }
}
