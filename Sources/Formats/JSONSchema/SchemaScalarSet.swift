/// A set of Unicode scalar values as sorted, disjoint, non-adjacent closed ranges.
struct SchemaScalarSet: Hashable, Sendable {
    private(set) var ranges: [ClosedRange<UInt32>] = []

    static let maxScalar: UInt32 = 0x10FFFF

    init() {}

    init(_ scalar: UInt32) { ranges = [scalar...scalar] }

    init(ranges: [ClosedRange<UInt32>]) {
        for range in ranges { insert(range) }
    }

    /// ECMA-262 `\d`.
    static let digits = SchemaScalarSet(ranges: [0x30...0x39])
    /// ECMA-262 `\w`.
    static let wordCharacters = SchemaScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262 `\s`: WhiteSpace and LineTerminator.
    static let whitespace = SchemaScalarSet(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// ECMA-262 LineTerminator: what `.` does not match.
    static let lineTerminators = SchemaScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])

    mutating func insert(_ scalar: UInt32) { insert(scalar...scalar) }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        var merged = range
        var result: [ClosedRange<UInt32>] = []
        var placed = false
        for existing in ranges {
            if existing.upperBound &+ 1 < merged.lowerBound {
                result.append(existing)
            } else if merged.upperBound &+ 1 < existing.lowerBound {
                if !placed {
                    result.append(merged)
                    placed = true
                }
                result.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            }
        }
        if !placed { result.append(merged) }
        ranges = result
    }

    mutating func formUnion(_ other: SchemaScalarSet) {
        for range in other.ranges { insert(range) }
    }

    /// Every scalar value not in the set.
    var inverted: SchemaScalarSet {
        var result = SchemaScalarSet()
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.ranges.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
        }
        if !(ranges.last.map { $0.upperBound >= Self.maxScalar } ?? false), next <= Self.maxScalar {
            result.ranges.append(next...Self.maxScalar)
        }
        return result
    }

    func contains(_ scalar: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if scalar < ranges[mid].lowerBound {
                high = mid - 1
            } else if scalar > ranges[mid].upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
