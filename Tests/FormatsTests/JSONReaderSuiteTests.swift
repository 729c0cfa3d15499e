import Foundation
import Testing

@testable import Formats

/// Runs `JSONReader` over every file of JSONTestSuite's `test_parsing` (nst/JSONTestSuite).
@Suite("JSONReader against JSONTestSuite")
struct JSONReaderSuiteTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing")

    static let fileNames: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".json") }
        .sorted()

    /// The decision for each implementation-defined (`i_`) case: accept or reject, and why.
    static let implementationDefined: [String: (accept: Bool, reason: String)] = [
        "i_number_double_huge_neg_exp.json": (true, "123.456e-789 underflows to 0; finite, literal kept"),
        "i_number_huge_exp.json": (false, "0.4e00669999… overflows a Double: out of range"),
        "i_number_neg_int_huge_exp.json": (false, "-1e+9999 overflows a Double: out of range"),
        "i_number_pos_double_huge_exp.json": (false, "1.5e+9999 overflows a Double: out of range"),
        "i_number_real_neg_overflow.json": (false, "-123123e100000 overflows a Double: out of range"),
        "i_number_real_pos_overflow.json": (false, "123123e100000 overflows a Double: out of range"),
        "i_number_real_underflow.json": (true, "123e-10000000 underflows to 0; finite, literal kept"),
        "i_number_too_big_neg_int.json": (true, "big integer: nearest Double, literal kept"),
        "i_number_too_big_pos_int.json": (true, "big integer: nearest Double, literal kept"),
        "i_number_very_big_negative_int.json": (true, "big integer: nearest Double, literal kept"),
        "i_object_key_lone_2nd_surrogate.json": (false, "lone low surrogate \\uDFAA in a key"),
        "i_string_1st_surrogate_but_2nd_missing.json": (false, "lone high surrogate"),
        "i_string_1st_valid_surrogate_2nd_invalid.json": (false, "high surrogate followed by a non-surrogate"),
        "i_string_UTF-16LE_with_BOM.json": (false, "UTF-16 byte order mark: JSON must be UTF-8"),
        "i_string_UTF-8_invalid_sequence.json": (false, "invalid UTF-8 inside a string"),
        "i_string_UTF8_surrogate_U+D800.json": (false, "surrogate encoded in UTF-8 is invalid UTF-8"),
        "i_string_incomplete_surrogate_and_escape_valid.json": (false, "lone high surrogate before \\n"),
        "i_string_incomplete_surrogate_pair.json": (false, "high surrogate followed by text, not a low surrogate"),
        "i_string_incomplete_surrogates_escape_valid.json": (false, "two high surrogates in a row"),
        "i_string_invalid_lonely_surrogate.json": (false, "lone high surrogate"),
        "i_string_invalid_surrogate.json": (false, "lone high surrogate followed by text"),
        "i_string_invalid_utf-8.json": (false, "byte 0xff is never valid UTF-8"),
        "i_string_inverted_surrogates_U+1D11E.json": (false, "low surrogate before high surrogate"),
        "i_string_iso_latin_1.json": (false, "ISO-8859-1 byte 0xe9 is invalid UTF-8"),
        "i_string_lone_second_surrogate.json": (false, "lone low surrogate"),
        "i_string_lone_utf8_continuation_byte.json": (false, "continuation byte without a lead byte"),
        "i_string_not_in_unicode_range.json": (false, "UTF-8 above U+10FFFF is invalid"),
        "i_string_overlong_sequence_2_bytes.json": (false, "overlong UTF-8 encoding"),
        "i_string_overlong_sequence_6_bytes.json": (false, "6-byte UTF-8 forms are invalid"),
        "i_string_overlong_sequence_6_bytes_null.json": (false, "6-byte UTF-8 forms are invalid"),
        "i_string_truncated-utf-8.json": (false, "truncated UTF-8 sequence"),
        "i_string_utf16BE_no_BOM.json": (false, "UTF-16 is not accepted: only UTF-8"),
        "i_string_utf16LE_no_BOM.json": (false, "UTF-16 is not accepted: only UTF-8"),
        "i_structure_500_nested_arrays.json": (false, "500 levels exceed the default maxDepth of 128"),
        "i_structure_UTF-8_BOM_empty_object.json": (false, "a byte order mark is rejected (RFC 8259 §8.1)"),
    ]

    /// `y_` cases we reject on purpose: the product requires rejecting duplicate keys (RFC 8259 §4
    /// says names SHOULD be unique; a duplicate in a config file is almost always a mistake).
    /// These must fail with a duplicate-key error and nothing else.
    static let duplicateKeyCases: Set<String> = [
        "y_object_duplicated_key.json",
        "y_object_duplicated_key_and_value.json",
    ]

    @Test("the corpus is present and complete")
    func corpusIsPresent() {
        #expect(Self.fileNames.count == 318, "expected the 318 files of test_parsing in \(Self.directory.path)")
        let iFiles = Set(Self.fileNames.filter { $0.hasPrefix("i_") })
        #expect(iFiles == Set(Self.implementationDefined.keys), "every i_ file needs exactly one decision")
    }

    @Test("each file is accepted or rejected as the suite (or our decision) requires", arguments: fileNames)
    func parse(fileName: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(fileName))
        let outcome = Result { () throws(JSONError) in try JSONReader.parse([UInt8](data)) }
        let accepted: Bool
        if case .success = outcome { accepted = true } else { accepted = false }
        switch fileName.prefix(2) {
        case "y_" where Self.duplicateKeyCases.contains(fileName):
            guard case .failure(let error) = outcome else {
                Issue.record("\(fileName) must be rejected for its duplicate key")
                return
            }
            #expect(error.kind == .duplicateKey)
            #expect(error.message == "duplicate key \"a\" (first at line 1)")
        case "y_":
            #expect(accepted, "\(fileName) must be accepted, got \(outcome)")
        case "n_":
            #expect(!accepted, "\(fileName) must be rejected")
        case "i_":
            let decision = try #require(Self.implementationDefined[fileName], "no decision for \(fileName)")
            #expect(accepted == decision.accept, "\(fileName): \(decision.reason); got \(outcome)")
        default:
            Issue.record("unexpected file \(fileName)")
        }
    }
}
