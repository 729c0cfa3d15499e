import Foundation

/// The `format` values we assert (the rest are annotations and ignored): RFC 3339 `date-time`,
/// RFC 3986 `uri` and RFC 5321 `email`. Only strings are checked; other types pass.
enum SchemaFormat: String, Sendable {
    case dateTime = "date-time"
    case uri
    case email

    /// Whether `text` is a valid instance of the format.
    func admits(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch self {
        case .dateTime: return Self.isDateTime(bytes)
        case .uri: return Self.isURI(bytes)
        case .email: return Self.isEmail(bytes)
        }
    }

    var message: String {
        switch self {
        case .dateTime: return "is not a valid date-time (RFC 3339, e.g. 2025-01-31T12:00:00Z)"
        case .uri: return "is not a valid URI (RFC 3986, with a scheme)"
        case .email: return "is not a valid email address"
        }
    }

    // MARK: - date-time (RFC 3339 §5.6)

    static func isDateTime(_ b: [UInt8]) -> Bool {
        // yyyy-mm-ddThh:mm:ss[.f+](Z|±hh:mm)
        guard b.count >= 20 else { return false }
        guard let year = digits(b, 0, 4), b[4] == ascii("-"), let month = digits(b, 5, 2), b[7] == ascii("-"),
            let day = digits(b, 8, 2), b[10] == ascii("T") || b[10] == ascii("t"),
            let hour = digits(b, 11, 2), b[13] == ascii(":"), let minute = digits(b, 14, 2), b[16] == ascii(":"),
            let second = digits(b, 17, 2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var i = 19
        if b[i] == ascii(".") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > start else { return false }
        }
        guard i < b.count else { return false }
        var offsetMinutes = 0
        if b[i] == ascii("Z") || b[i] == ascii("z") {
            i += 1
        } else if b[i] == ascii("+") || b[i] == ascii("-") {
            guard i + 6 == b.count, let offHour = digits(b, i + 1, 2), b[i + 3] == ascii(":"),
                let offMinute = digits(b, i + 4, 2), offHour <= 23, offMinute <= 59
            else { return false }
            offsetMinutes = (offHour * 60 + offMinute) * (b[i] == ascii("-") ? -1 : 1)
            i += 6
        } else {
            return false
        }
        guard i == b.count else { return false }
        if second == 60 {
            // A leap second happens at 23:59:60 UTC only.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - email (RFC 5321 §4.1.2 Mailbox, with RFC 5322 dot-atoms)

    static func isEmail(_ b: [UInt8]) -> Bool {
        var i = 0
        if b.first == ascii("\"") {
            i = 1
            var closed = false
            while i < b.count {
                let c = b[i]
                if c == ascii("\\") {
                    guard i + 1 < b.count, b[i + 1] >= 0x20, b[i + 1] <= 0x7E else { return false }
                    i += 2
                } else if c == ascii("\"") {
                    closed = true
                    i += 1
                    break
                } else {
                    guard c >= 0x20, c <= 0x7E else { return false }
                    i += 1
                }
            }
            guard closed else { return false }
        } else {
            var atomLength = 0
            while i < b.count, b[i] != ascii("@") {
                if b[i] == ascii(".") {
                    guard atomLength > 0 else { return false }
                    atomLength = 0
                } else {
                    guard isAtext(b[i]) else { return false }
                    atomLength += 1
                }
                i += 1
            }
            guard atomLength > 0 else { return false }
        }
        guard i <= 64, i < b.count, b[i] == ascii("@") else { return false }
        let domain = Array(b[(i + 1)...])
        guard let first = domain.first else { return false }
        if first == ascii("[") {
            guard domain.last == ascii("]"), domain.count > 2 else { return false }
            let literal = Array(domain[1..<(domain.count - 1)])
            let prefix = Array("IPv6:".utf8)
            if literal.starts(with: prefix) { return isIPv6(Array(literal[prefix.count...])) }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    private static func isAtext(_ c: UInt8) -> Bool {
        if isAlpha(c) || isDigit(c) { return true }
        return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(c)
    }

    /// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
    static func isHostname(_ b: [UInt8]) -> Bool {
        guard !b.isEmpty, b.count <= 253 else { return false }
        var label = 0
        var previous: UInt8 = ascii(".")
        for c in b {
            if c == ascii(".") {
                guard label > 0, previous != ascii("-") else { return false }
                label = 0
            } else {
                guard isAlpha(c) || isDigit(c) || c == ascii("-") else { return false }
                if label == 0 && c == ascii("-") { return false }
                label += 1
                guard label <= 63 else { return false }
            }
            previous = c
        }
        return label > 0 && previous != ascii("-")
    }

    /// Dotted quad, each part 0–255 without leading zeros.
    static func isIPv4(_ b: [UInt8]) -> Bool {
        let parts = b.split(separator: ascii("."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(isDigit) else { return false }
            if part.count > 1 && part.first == ascii("0") { return false }
            guard let value = Int(String(decoding: part, as: UTF8.self)), value <= 255 else { return false }
        }
        return true
    }

    /// RFC 4291 text form: up to eight hex groups, one `::`, optionally an IPv4 tail.
    static func isIPv6(_ b: [UInt8]) -> Bool {
        guard !b.isEmpty else { return false }
        var text = b
        var groupsAvailable = 8
        if let lastColon = text.lastIndex(of: ascii(":")), text[(lastColon + 1)...].contains(ascii(".")) {
            guard isIPv4(Array(text[(lastColon + 1)...])) else { return false }
            text = Array(text[...lastColon])
            // Keep a trailing "::" intact; otherwise drop the separator before the IPv4 part.
            if !(text.count >= 2 && text[text.count - 2] == ascii(":")) { text.removeLast() }
            groupsAvailable = 6
        }
        let string = String(decoding: text, as: UTF8.self)
        let halves = string.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            for item in items {
                guard (1...4).contains(item.count), item.utf8.allSatisfy(isHex) else { return nil }
            }
            return items
        }
        if halves.count == 2 {
            guard let head = groups(halves[0]), let tail = groups(halves[1]) else { return false }
            return head.count + tail.count < groupsAvailable
        }
        guard let all = groups(string) else { return false }
        return all.count == groupsAvailable
    }

    // MARK: - uri (RFC 3986 §3, absolute URI with optional fragment)

    static func isURI(_ b: [UInt8]) -> Bool {
        guard let colon = b.firstIndex(of: ascii(":")), colon > 0, isAlpha(b[0]) else { return false }
        for c in b[1..<colon] where !(isAlpha(c) || isDigit(c) || c == ascii("+") || c == ascii("-") || c == ascii("."))
        {
            return false
        }
        var i = colon + 1
        if i + 1 < b.count, b[i] == ascii("/"), b[i + 1] == ascii("/") {
            i += 2
            var end = i
            while end < b.count, b[end] != ascii("/"), b[end] != ascii("?"), b[end] != ascii("#") { end += 1 }
            guard isAuthority(Array(b[i..<end])) else { return false }
            i = end
        }
        // path, then ?query, then #fragment
        var part = 0  // 0 path, 1 query, 2 fragment
        while i < b.count {
            let c = b[i]
            if c == ascii("%") {
                guard i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) else { return false }
                i += 3
                continue
            }
            if c == ascii("#") {
                guard part < 2 else { return false }
                part = 2
            } else if c == ascii("?") {
                if part == 0 { part = 1 }
            } else if !(isPchar(c) || c == ascii("/")) {
                return false
            }
            i += 1
        }
        return true
    }

    private static func isAuthority(_ b: [UInt8]) -> Bool {
        var hostStart = 0
        if let at = b.firstIndex(of: ascii("@")) {
            guard isURIRun(Array(b[..<at]), extra: [ascii(":")]) else { return false }
            hostStart = at + 1
        }
        let rest = Array(b[hostStart...])
        var portStart: Int?
        if rest.first == ascii("[") {
            guard let close = rest.firstIndex(of: ascii("]")) else { return false }
            let literal = Array(rest[1..<close])
            if literal.first == ascii("v") || literal.first == ascii("V") {
                guard let dot = literal.firstIndex(of: ascii(".")), dot > 1, literal[1..<dot].allSatisfy(isHex),
                    dot + 1 < literal.count,
                    literal[(dot + 1)...].allSatisfy({ isUnreserved($0) || isSubDelim($0) || $0 == ascii(":") })
                else { return false }
            } else if !isIPv6(literal) {
                return false
            }
            if close + 1 < rest.count {
                guard rest[close + 1] == ascii(":") else { return false }
                portStart = close + 2
            }
        } else {
            let colon = rest.firstIndex(of: ascii(":"))
            guard isURIRun(Array(rest[..<(colon ?? rest.count)]), extra: []) else { return false }
            if let colon { portStart = colon + 1 }
        }
        if let portStart { return rest[portStart...].allSatisfy(isDigit) }
        return true
    }

    /// unreserved / pct-encoded / sub-delims / extra.
    private static func isURIRun(_ b: [UInt8], extra: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == ascii("%") {
                guard i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) else { return false }
                i += 3
                continue
            }
            guard isUnreserved(c) || isSubDelim(c) || extra.contains(c) else { return false }
            i += 1
        }
        return true
    }

    private static func isPchar(_ c: UInt8) -> Bool {
        isUnreserved(c) || isSubDelim(c) || c == ascii(":") || c == ascii("@")
    }

    private static func isUnreserved(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || c == ascii("-") || c == ascii(".") || c == ascii("_") || c == ascii("~")
    }

    private static func isSubDelim(_ c: UInt8) -> Bool { Array("!$&'()*+,;=".utf8).contains(c) }

    // MARK: - bytes

    private static func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(s.value) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    private static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }

    /// The decimal value of `count` ASCII digits at `start`, or nil.
    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for c in b[start..<(start + count)] {
            guard isDigit(c) else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }
}
