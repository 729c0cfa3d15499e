/// An exact decimal `±significand × 10^exponent` read from a JSON number literal, used where a
/// Double would round: `multipleOf` and number equality in `enum`, `const` and `uniqueItems`.
///
/// Literals whose significant digits do not fit in 64 bits have no exact form; callers then
/// fall back to Double arithmetic.
struct SchemaDecimal: Hashable, Sendable {
    var negative: Bool
    /// No trailing decimal zeros unless it is zero.
    var significand: UInt64
    var exponent: Int

    /// Parses a JSON number literal such as `-12.50e-3`; nil for anything else or too many digits.
    init?(literal: String) {
        var negative = false
        var significand: UInt64 = 0
        var exponent = 0
        var sawDigit = false
        var inFraction = false
        var bytes = literal.utf8.makeIterator()
        var current = bytes.next()
        if current == UInt8(ascii: "-") {
            negative = true
            current = bytes.next()
        }
        while let byte = current, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            if byte == UInt8(ascii: ".") {
                guard !inFraction else { return nil }
                inFraction = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                let digit = UInt64(byte - UInt8(ascii: "0"))
                if significand == 0 && digit == 0 {
                    if inFraction { exponent -= 1 }
                } else {
                    let (times10, overflow1) = significand.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(digit)
                    guard !overflow1, !overflow2 else { return nil }
                    significand = sum
                    if inFraction { exponent -= 1 }
                }
            } else {
                return nil
            }
            current = bytes.next()
        }
        guard sawDigit else { return nil }
        if current != nil {
            var expNegative = false
            var expValue = 0
            var sawExpDigit = false
            current = bytes.next()
            if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") {
                expNegative = current == UInt8(ascii: "-")
                current = bytes.next()
            }
            while let byte = current {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                sawExpDigit = true
                expValue = expValue * 10 + Int(byte - UInt8(ascii: "0"))
                guard expValue < 100_000_000 else { return nil }
                current = bytes.next()
            }
            guard sawExpDigit else { return nil }
            exponent += expNegative ? -expValue : expValue
        }
        if significand == 0 {
            self.init(negative: false, significand: 0, exponent: 0)
            return
        }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        self.init(negative: negative, significand: significand, exponent: exponent)
    }

    init(negative: Bool, significand: UInt64, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// Whether `self` is an integer multiple of `divisor` (which must be non-zero), exactly.
    func isMultiple(of divisor: SchemaDecimal) -> Bool {
        if significand == 0 { return true }
        guard divisor.significand != 0 else { return false }
        let m = divisor.significand
        if exponent >= divisor.exponent {
            // self / divisor = significand × 10^k / m, k ≥ 0: need significand × 10^k ≡ 0 (mod m).
            let k = exponent - divisor.exponent
            let power = Self.powerOfTen(k, modulo: m)
            return Self.multiply(significand % m, power, modulo: m) == 0
        }
        // k < 0: need significand divisible by m × 10^(-k).
        let k = divisor.exponent - exponent
        var remaining = significand
        for _ in 0..<k {
            guard remaining % 10 == 0 else { return false }
            remaining /= 10
        }
        return remaining % m == 0
    }

    private static func multiply(_ a: UInt64, _ b: UInt64, modulo m: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return m.dividingFullWidth((high: product.high % m, low: product.low)).remainder
    }

    private static func powerOfTen(_ exponent: Int, modulo m: UInt64) -> UInt64 {
        var result: UInt64 = 1 % m
        var base: UInt64 = 10 % m
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base, modulo: m) }
            base = multiply(base, base, modulo: m)
            e >>= 1
        }
        return result
    }
}
