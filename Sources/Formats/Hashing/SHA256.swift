/// SHA-256 (FIPS 180-4) in pure Swift: streaming with `update`/`finalize`, or one-shot with
/// `digest` and `hex`.
///
/// Whole 64-byte blocks are compressed straight from the caller's contiguous storage; only a
/// partial block is copied into the hasher's own buffer. `hex(_:)` is what every rendered
/// object's digest uses.
public struct SHA256: Sendable {
    /// Length of a digest in bytes.
    public static let digestByteCount = 32
    /// Length of a compression block in bytes.
    public static let blockByteCount = 64

    private var state: State
    /// Bytes of a partial block not yet compressed (always fewer than 64 between calls).
    private var buffer: [UInt8]
    private var bufferCount: Int
    /// Total message length in bytes so far.
    private var length: UInt64

    /// A hasher with the FIPS 180-4 initial hash value.
    public init() {
        state = State()
        buffer = [UInt8](repeating: 0, count: SHA256.blockByteCount)
        bufferCount = 0
        length = 0
    }

    // MARK: - Streaming

    /// Feeds more message bytes. Contiguous collections (`[UInt8]`, `ArraySlice`, `Data`,
    /// `String.UTF8View`) are read in place; others are copied once into an array.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(raw: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(raw: $0) }
        }
    }

    /// Feeds the bytes of a raw buffer.
    public mutating func update(raw input: UnsafeRawBufferPointer) {
        guard input.count > 0 else { return }
        length &+= UInt64(input.count)
        var rest = input[...]

        if bufferCount > 0 {
            let take = min(SHA256.blockByteCount - bufferCount, rest.count)
            let start = bufferCount
            buffer.withUnsafeMutableBytes { dst in
                UnsafeMutableRawBufferPointer(rebasing: dst[start..<start + take])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
            }
            bufferCount += take
            rest = rest.dropFirst(take)
            if bufferCount == SHA256.blockByteCount {
                let blockBuffer = buffer
                blockBuffer.withUnsafeBytes { state.compress(blocks: $0) }
                bufferCount = 0
            }
        }

        let wholeCount = rest.count - rest.count % SHA256.blockByteCount
        if wholeCount > 0 {
            state.compress(blocks: UnsafeRawBufferPointer(rebasing: rest.prefix(wholeCount)))
            rest = rest.dropFirst(wholeCount)
        }

        if !rest.isEmpty {
            let count = rest.count
            buffer.withUnsafeMutableBytes { dst in
                UnsafeMutableRawBufferPointer(rebasing: dst[0..<count])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest))
            }
            bufferCount = count
        }
    }

    /// The digest of everything fed so far (32 bytes). The hasher itself is unchanged and may be
    /// fed further.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitLength = length &* 8
        // 0x80, then zeros up to 56 mod 64, then the 64-bit big-endian bit length.
        let zeros = (SHA256.blockByteCount + 55 - bufferCount) % SHA256.blockByteCount
        var padding = [UInt8](repeating: 0, count: 1 + zeros + 8)
        padding[0] = 0x80
        for i in 0..<8 {
            padding[1 + zeros + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i)))
        }
        copy.update(padding)
        return copy.state.bytes()
    }

    // MARK: - One-shot

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal characters.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        hexString(digest(bytes))
    }

    /// Lower-case hexadecimal text of arbitrary bytes.
    public static func hexString(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUTF8Buffer { table in
                var i = 0
                for byte in bytes {
                    out[i] = table[Int(byte >> 4)]
                    out[i + 1] = table[Int(byte & 0x0F)]
                    i += 2
                }
            }
            return bytes.count * 2
        }
    }
}
