import Testing

@testable import Formats

/// `format` as an assertion for `date-time` (RFC 3339), `uri` (RFC 3986) and `email`
/// (RFC 5321), with cases modelled on JSON-Schema-Test-Suite's optional format tests (not in
/// our copy of the suite); other format names are annotations and never fail.
@Suite("JSONSchema formats")
struct JSONSchemaFormatTests {
    private func check(_ format: String, _ text: String) throws -> Bool {
        let schema = try JSONSchema(JSONReader.parse(#"{"format": "\#(format)"}"#))
        return schema.isValid(JSONNode(.string(text)))
    }

    static let validDateTimes = [
        "1963-06-19T08:30:06.283185Z", "1963-06-19T08:30:06Z", "1937-01-01T12:00:27.87+00:20",
        "1990-12-31T15:59:50.123-08:00", "1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00",
        "1963-06-19t08:30:06.283185z", "2024-02-29T00:00:00Z",
    ]
    static let invalidDateTimes = [
        "1998-12-31T23:59:61Z", "1998-12-31T23:58:60Z", "1998-12-31T22:59:60Z", "1990-02-31T15:59:59.123-08:00",
        "1990-12-31T15:59:59-24:00", "1963-06-19T08:30:06.28123+01:00Z", "06/19/1963 08:30:06 PST",
        "2013-350T01:01:01", "1963-6-19T08:30:06.283185Z", "1963-06-1T08:30:06.283185Z",
        "1963-06-1৪T00:00:00Z", "1963-06-11T0৪:00:00Z", "2023-02-29T00:00:00Z", "2025-01-31T12:00:00",
        "2025-01-31 12:00:00Z", "2025-01-31T12:00:00.Z", "2025-13-01T00:00:00Z", "2025-01-31T24:00:00Z",
        "2025-01-31T12:60:00Z", "",
    ]

    @Test("date-time: RFC 3339, leap seconds only at 23:59:60 UTC", arguments: validDateTimes)
    func validDateTime(_ text: String) throws { #expect(try check("date-time", text)) }

    @Test("date-time: rejected", arguments: invalidDateTimes)
    func invalidDateTime(_ text: String) throws { #expect(try !check("date-time", text)) }

    static let validEmails = [
        "joe.bloggs@example.com", "te~st@example.com", "~test@example.com", "test~@example.com",
        #""joe bloggs"@example.com"#, #""joe..bloggs"@example.com"#, #""joe@bloggs"@example.com"#,
        "joe.bloggs@[127.0.0.1]", "joe.bloggs@[IPv6:::1]", "te.s.t@example.com", "ops+alerts@agentplane.dev",
    ]
    static let invalidEmails = [
        "2962", ".test@example.com", "test.@example.com", "te..st@example.com", "joe.bloggs@invalid=domain.com",
        "joe.bloggs@[127.0.0.300]", "joe@-example.com", "joe@example-.com", "@example.com", "joe@",
        "joe bloggs@example.com",
        "jöe@example.com", #""unterminated@example.com"#,
    ]

    @Test("email: RFC 5321 mailbox", arguments: validEmails)
    func validEmail(_ text: String) throws { #expect(try check("email", text)) }

    @Test("email: rejected", arguments: invalidEmails)
    func invalidEmail(_ text: String) throws { #expect(try !check("email", text)) }

    static let validURIs = [
        "http://foo.bar/?baz=qux#quux", "http://foo.com/blah_(wikipedia)_blah#cite-1",
        "http://foo.bar/?q=Test%20URL-encoded%20stuff", "http://xn--nw2a.xn--j6w193g/",
        "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com", "http://223.255.255.254",
        "ftp://ftp.is.co.za/rfc/rfc1808.txt", "http://www.ietf.org/rfc/rfc2396.txt",
        "ldap://[2001:db8::7]/c=GB?objectClass?one", "mailto:John.Doe@example.com",
        "news:comp.infosystems.www.servers.unix", "tel:+1-816-555-1212",
        "urn:oasis:names:specification:docbook:dtd:xml:4.1.2", "https://example.com:8443/path?x=1#frag/ment?",
        "file:///etc/hosts",
    ]
    static let invalidURIs = [
        "//foo.bar/?baz=qux#quux", "/abc", #"\\WINDOWS\fileshare"#, "abc", "http:// shouldfail.com",
        ":// should fail", "bar,baz:foo", "https://[@example.org/test.txt", #"https://example.org/foobar\.txt"#,
        "https://example.org/foobar<>.txt", "https://example.org/foobar{}.txt", "https://example.org/foobar^.txt",
        "https://example.org/foobar`.txt", "https://example.org/foo bar.txt", "https://example.org/foobar|.txt",
        "http://example.com/%zz", "http://example.com:80a/", "http://example.com/#a#b", "http://ëxample.com/",
    ]

    @Test("uri: RFC 3986 URI with a scheme", arguments: validURIs)
    func validURI(_ text: String) throws { #expect(try check("uri", text)) }

    @Test("uri: rejected", arguments: invalidURIs)
    func invalidURI(_ text: String) throws { #expect(try !check("uri", text)) }

    @Test("other formats are annotations, and formats ignore non-strings")
    func annotationsOnly() throws {
        #expect(try check("ipv4", "not an address"))
        #expect(try check("hostname", "-bad-"))
        let schema = try JSONSchema(JSONReader.parse(#"{"format": "date-time"}"#))
        #expect(schema.isValid(try JSONReader.parse("12")))
        #expect(schema.isValid(try JSONReader.parse("null")))
    }
}
