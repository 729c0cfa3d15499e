/// Reads RFC 8259 JSON into a tree of `JSONNode`s that know their line and column.
///
/// The reader is strict: it rejects duplicate keys, invalid UTF-8 (also inside strings), lone
/// surrogates in `\u` escapes, unescaped control characters, leading zeros, `NaN`/`Infinity`,
/// trailing characters after the top-level value, nesting deeper than `maxDepth` and documents
/// larger than `maxBytes`. It never recurses: a hostile, deeply nested document costs heap, not
/// stack.
///
/// Decisions where RFC 8259 leaves room (see also `JSONReaderSuiteTests`):
/// - Duplicate keys are rejected (RFC 8259 §4: names SHOULD be unique), so JSONTestSuite's
///   `y_object_duplicated_key*` cases fail on purpose with a duplicate-key error. Keys compare
///   by code points: "é" and "e\u{301}" are different keys.
/// - A byte order mark at the start is rejected (RFC 8259 §8.1: a BOM must not be added; UTF-16
///   and UTF-32 are not JSON exchanged between systems).
/// - A number whose magnitude overflows a Double (`1e400`) is rejected as out of range; a number
///   that underflows (`1e-400`) is accepted with value 0 and its literal kept; a large integer
///   (`1e30`, 40 digits) is accepted with its nearest Double and literal kept.
/// - A `\u0000` escape is accepted (it is valid JSON); later stages reject control characters
///   where they matter.
/// - Lines end at LF, CRLF or a lone CR; columns count Unicode scalars.
public struct JSONReader: Sendable {
    /// Limits that protect the reader from hostile input.
    public struct Options: Sendable, Equatable {
        /// The highest `maxDepth` honoured; larger values are clamped to it.
        ///
        /// The reader itself is iterative, but Swift frees a nested value tree recursively, about
        /// 220 bytes of stack per level. A 1,000-deep tree is therefore freed in ~220 KiB, safely
        /// within the 512 KiB stack of a macOS secondary thread (measured: ~2,300 levels fit
        /// there, 10,000 do not). `JSONReaderLimitTests` proves the ceiling on a 512 KiB thread.
        public static let depthCeiling = 1_000

        /// The deepest nesting of arrays and objects accepted: `[[1]]` has depth 2, a scalar 0.
        /// Clamped to `depthCeiling`.
        public var maxDepth: Int
        /// The largest document accepted, in bytes.
        public var maxBytes: Int

        public init(maxDepth: Int = 128, maxBytes: Int = 4 * 1024 * 1024) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }

        /// `maxDepth` clamped to `0...depthCeiling`.
        public var effectiveMaxDepth: Int { min(max(maxDepth, 0), Self.depthCeiling) }
    }

    /// Parses a complete JSON document from UTF-8 bytes.
    public static func parse(_ bytes: [UInt8], options: Options = .init()) throws(JSONError) -> JSONNode {
        var parser = JSONParser(bytes: bytes, options: options)
        return try parser.parseDocument()
    }

    /// Parses a complete JSON document from a string (its UTF-8 encoding).
    public static func parse(_ string: String, options: Options = .init()) throws(JSONError) -> JSONNode {
        try parse(Array(string.utf8), options: options)
    }
}
