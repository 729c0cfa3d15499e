import Foundation
import Testing

@testable import GitKit

/// `ObjectID` accepts exactly 40 hex digits and round-trips through JSON as a bare string.
@Suite struct ObjectIDTests {
    private let hex = "0123456789abcdef0123456789abcdef01234567"

    @Test func acceptsFortyHexDigitsAndLowercases() throws {
        let id = try #require(ObjectID(hex: hex.uppercased()))
        #expect(id.hex == hex)
        #expect(id.short == "0123456")
        #expect(ObjectID(hex: String(hex.dropLast())) == nil)
        #expect(ObjectID(hex: hex + "0") == nil)
        #expect(ObjectID(hex: String(hex.dropLast()) + "g") == nil)
    }

    @Test func rawBytesRoundTrip() throws {
        let id = try #require(ObjectID(hex: hex))
        #expect(id.rawBytes.count == 20)
        #expect(ObjectID(rawBytes: id.rawBytes) == id)
        #expect(ObjectID(id.oid) == id)
    }

    @Test func codableAsABareString() throws {
        let id = try #require(ObjectID(hex: hex))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(hex)\"]")
        #expect(try JSONDecoder().decode([ObjectID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ObjectID].self, from: Data("[\"abc\"]".utf8))
        }
    }
}
