import PlaneModel

/// Converts Kubernetes-style quantities (`500m`, `2`, `512Mi`, `1.5G`) into the plain numbers
/// Podman's command line takes, exactly (decimal arithmetic, no floating point).
public enum QuantityConversion {
    /// Bytes of a memory or size quantity (`512Mi` → 536870912), rounded up to a whole byte.
    /// Nil when the text is not a quantity or the number does not fit in 63 bits.
    public static func bytes(_ quantity: Quantity) -> Int? {
        let text = quantity.text
        let suffixes: [(String, Int)] = [
            ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40),
            ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
        ]
        var number = Substring(text)
        var multiplier = 1
        for (suffix, value) in suffixes where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            multiplier = value
            break
        }
        guard let decimal = ExactDecimal(parsing: number) else { return nil }
        // value = mantissa / 10^scale * multiplier, rounded up.
        let (product, overflow) = decimal.mantissa.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        let divisor = decimal.powerOfTen
        return product / divisor + (product % divisor == 0 ? 0 : 1)
    }

    /// A CPU quantity as the decimal number of cores Podman's `--cpus` takes (`500m` → `0.5`,
    /// `2` → `2`, `1.25` → `1.25`). Nil when the text is not a CPU quantity.
    public static func cores(_ quantity: Quantity) -> String? {
        let text = quantity.text
        let isMilli = text.hasSuffix("m")
        guard var decimal = ExactDecimal(parsing: isMilli ? text.dropLast() : Substring(text)) else { return nil }
        if isMilli { decimal.scale += 3 }
        return decimal.normalizedText
    }

    /// A non-negative decimal number `mantissa / 10^scale` parsed from `123` or `1.50`.
    struct ExactDecimal {
        var mantissa: Int
        var scale: Int

        init?(parsing text: Substring) {
            let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty, parts.count <= 2 else { return nil }
            let fraction = parts.count == 2 ? parts[1] : ""
            if parts.count == 2 && fraction.isEmpty { return nil }
            var mantissa = 0
            for character in whole + fraction {
                guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
                let (shifted, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (added, o2) = shifted.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                mantissa = added
            }
            guard fraction.count <= 18 else { return nil }
            self.mantissa = mantissa
            self.scale = fraction.count
        }

        var powerOfTen: Int {
            var result = 1
            for _ in 0..<scale { result *= 10 }
            return result
        }

        /// `mantissa / 10^scale` without trailing zeros: `0.5`, `2`, `0.00025`.
        var normalizedText: String {
            var mantissa = self.mantissa
            var scale = self.scale
            while scale > 0 && mantissa % 10 == 0 {
                mantissa /= 10
                scale -= 1
            }
            var digits = String(mantissa)
            guard scale > 0 else { return digits }
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            let point = digits.index(digits.endIndex, offsetBy: -scale)
            return digits[..<point] + "." + digits[point...]
        }
    }
}
