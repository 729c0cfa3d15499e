/// A git object id (SHA-1): 40 lower-case hex digits.
///
/// Encodes as a bare JSON string. Comparable so lists of ids can be sorted deterministically.
public struct ObjectID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 40 lower-case hex digits.
    public let hex: String

    /// The number of hex digits in a full SHA-1 object id.
    public static let hexLength = 40

    /// Accepts exactly 40 hex digits (either case); returns nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == Self.hexLength, hex.utf8.allSatisfy(Self.isHexDigit) else { return nil }
        self.hex = hex.lowercased()
    }

    /// Builds an id from 20 raw bytes (a `git_oid`).
    init(rawBytes: some Collection<UInt8>) {
        let count = rawBytes.count * 2
        hex = String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            for byte in rawBytes {
                buffer[index] = Self.digits[Int(byte >> 4)]
                buffer[index + 1] = Self.digits[Int(byte & 0x0F)]
                index += 2
            }
            return count
        }
    }

    /// The 20 raw bytes of this id.
    var rawBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.hexLength / 2)
        var high: UInt8 = 0
        for (index, char) in hex.utf8.enumerated() {
            let value = Self.nibble(char)
            if index % 2 == 0 { high = value } else { bytes.append(high << 4 | value) }
        }
        return bytes
    }

    /// The first seven hex digits, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a 40-digit hex object id")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func isHexDigit(_ char: UInt8) -> Bool {
        (char >= 0x30 && char <= 0x39) || (char >= 0x61 && char <= 0x66) || (char >= 0x41 && char <= 0x46)
    }

    private static func nibble(_ char: UInt8) -> UInt8 {
        switch char {
        case 0x30...0x39: return char - 0x30
        case 0x61...0x66: return char - 0x61 + 10
        default: return char - 0x41 + 10
        }
    }
}
