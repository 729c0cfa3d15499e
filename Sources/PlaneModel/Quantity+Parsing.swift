/// Numeric values of resource quantities, for capacity arithmetic.
///
/// CPU: `2`, `0.5`, `500m` → cores. Memory and disk: `512Mi`, `4Gi`, `1G`, `1024` → bytes.
/// Binary suffixes (Ki, Mi, Gi, Ti) are powers of 1024; decimal ones (K, M, G, T) powers of 1000.
extension Quantity {
    /// The quantity in cores (`500m` → 0.5), or nil when it is not a CPU quantity.
    public var cores: Double? {
        if text.hasSuffix("m") {
            guard let milli = Self.decimal(text.dropLast()) else { return nil }
            return milli / 1000
        }
        return Self.decimal(Substring(text))
    }

    /// The quantity in bytes (`512Mi` → 536870912), or nil when it is not a byte quantity.
    public var bytes: Double? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1024 * 1024), ("Gi", 1024 * 1024 * 1024), ("Ti", 1024 * 1024 * 1024 * 1024),
            ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ]
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            guard let number = Self.decimal(text.dropLast(suffix.count)) else { return nil }
            return number * factor
        }
        return Self.decimal(Substring(text))
    }

    /// A plain non-negative decimal (`12`, `0.5`); no signs, exponents or spaces.
    private static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.first != ".", text.last != "." else { return nil }
        var dots = 0
        for scalar in text.unicodeScalars {
            if scalar == "." {
                dots += 1
            } else if !("0"..."9").contains(scalar) {
                return nil
            }
        }
        guard dots <= 1 else { return nil }
        return Double(text)
    }
}
