/// Parses the ECMA-262 regular expressions of `pattern` and `patternProperties` (no flags,
/// Annex B syntax) into a tree the DFA builder compiles.
///
/// It knows the constructs schemas use: literals, `.`, classes with ranges, `\d \w \s` and
/// their negations, escapes (`\t \n \v \f \r \0 \cX \xHH \uHHHH`), groups (capturing,
/// `(?:…)`, `(?<name>…)`), alternation, `^`, `$` and every quantifier (greedy or lazy: for
/// "does it match" the difference does not matter). For anything else (back-references,
/// lookaround, `\b`, `\p{…}`, `\u{…}`, legacy octal) it returns nil and the caller falls back
/// to ICU.
struct SchemaRegexParser {
    /// A parsed regular expression.
    indirect enum Node {
        case empty
        case set(SchemaScalarSet)
        case start
        case end
        case concat([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
    }

    private let scalars: [UInt32]
    private var i = 0

    /// Largest `{n,m}` bound accepted here; larger counts go to ICU.
    static let maxCount = 1_000

    private init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    /// The tree of `pattern`, or nil if it uses syntax this parser leaves to ICU.
    static func parse(_ pattern: String) -> Node? {
        var parser = SchemaRegexParser(pattern)
        guard let node = parser.disjunction(), parser.i == parser.scalars.count else { return nil }
        return node
    }

    private var peek: UInt32? { i < scalars.count ? scalars[i] : nil }

    private func peek(_ offset: Int) -> UInt32? { i + offset < scalars.count ? scalars[i + offset] : nil }

    private static func c(_ s: Unicode.Scalar) -> UInt32 { s.value }

    // MARK: - Structure

    private mutating func disjunction() -> Node? {
        var branches: [Node] = []
        guard let first = alternative() else { return nil }
        branches.append(first)
        while peek == Self.c("|") {
            i += 1
            guard let next = alternative() else { return nil }
            branches.append(next)
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func alternative() -> Node? {
        var items: [Node] = []
        while let ch = peek, ch != Self.c("|"), ch != Self.c(")") {
            guard let term = term() else { return nil }
            items.append(term)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    private mutating func term() -> Node? {
        guard let ch = peek else { return nil }
        if ch == Self.c("^") {
            i += 1
            return .start
        }
        if ch == Self.c("$") {
            i += 1
            return .end
        }
        guard let atom = atom() else { return nil }
        return quantified(atom)
    }

    private mutating func quantified(_ atom: Node) -> Node? {
        guard let ch = peek else { return atom }
        var min = 0
        var max: Int?
        switch ch {
        case Self.c("*"):
            i += 1
        case Self.c("+"):
            i += 1
            min = 1
        case Self.c("?"):
            i += 1
            max = 1
        case Self.c("{"):
            guard let bounds = braceQuantifier() else { return atom }  // Annex B: a literal `{`
            guard bounds.min <= Self.maxCount, (bounds.max ?? 0) <= Self.maxCount else { return nil }
            min = bounds.min
            max = bounds.max
            if let max, max < min { return nil }
        default:
            return atom
        }
        if peek == Self.c("?") { i += 1 }  // lazy: same set of matches
        if let next = peek, [Self.c("*"), Self.c("+"), Self.c("?")].contains(next) { return nil }
        return .repetition(atom, min: min, max: max)
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor (consumed), or nil (cursor unchanged).
    private mutating func braceQuantifier() -> (min: Int, max: Int?)? {
        let start = i
        i += 1
        guard let min = decimal() else {
            i = start
            return nil
        }
        var max: Int? = min
        if peek == Self.c(",") {
            i += 1
            max = decimal()
        }
        guard peek == Self.c("}") else {
            i = start
            return nil
        }
        i += 1
        return (min, max)
    }

    private mutating func decimal() -> Int? {
        var value = 0
        var digits = 0
        while let ch = peek, ch >= 0x30, ch <= 0x39 {
            value = Swift.min(value * 10 + Int(ch - 0x30), Self.maxCount + 1)
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }

    private mutating func atom() -> Node? {
        guard let ch = peek else { return nil }
        switch ch {
        case Self.c("."):
            i += 1
            return .set(SchemaScalarSet.lineTerminators.inverted)
        case Self.c("("):
            i += 1
            if peek == Self.c("?") {
                if peek(1) == Self.c(":") {
                    i += 2
                } else if peek(1) == Self.c("<"), let after = peek(2), after != Self.c("="), after != Self.c("!") {
                    // Named group: skip the name.
                    i += 2
                    while let n = peek, n != Self.c(">") { i += 1 }
                    guard peek == Self.c(">") else { return nil }
                    i += 1
                } else {
                    return nil  // lookaround
                }
            }
            guard let inner = disjunction(), peek == Self.c(")") else { return nil }
            i += 1
            return inner
        case Self.c("["):
            i += 1
            return characterClass()
        case Self.c("\\"):
            i += 1
            return atomEscape()
        case Self.c(")"), Self.c("*"), Self.c("+"), Self.c("?"), Self.c("|"):
            return nil
        case Self.c("{"):
            if braceQuantifierAhead() { return nil }  // a quantifier with nothing to repeat
            i += 1
            return .set(SchemaScalarSet(ch))
        default:
            i += 1
            return .set(SchemaScalarSet(ch))
        }
    }

    private mutating func braceQuantifierAhead() -> Bool {
        let start = i
        defer { i = start }
        return braceQuantifier() != nil
    }

    // MARK: - Escapes

    private mutating func atomEscape() -> Node? {
        guard let ch = peek else { return nil }
        if let set = classEscapeSet(ch) {
            i += 1
            return .set(set)
        }
        if ch == Self.c("b") || ch == Self.c("B") { return nil }
        guard let scalar = characterEscape() else { return nil }
        return .set(SchemaScalarSet(scalar))
    }

    private func classEscapeSet(_ ch: UInt32) -> SchemaScalarSet? {
        switch ch {
        case Self.c("d"): return .digits
        case Self.c("D"): return SchemaScalarSet.digits.inverted
        case Self.c("w"): return .wordCharacters
        case Self.c("W"): return SchemaScalarSet.wordCharacters.inverted
        case Self.c("s"): return .whitespace
        case Self.c("S"): return SchemaScalarSet.whitespace.inverted
        default: return nil
        }
    }

    /// A single-character escape after `\` (consumed), or nil if unsupported.
    private mutating func characterEscape() -> UInt32? {
        guard let ch = peek else { return nil }
        i += 1
        switch ch {
        case Self.c("t"): return 0x09
        case Self.c("n"): return 0x0A
        case Self.c("v"): return 0x0B
        case Self.c("f"): return 0x0C
        case Self.c("r"): return 0x0D
        case Self.c("0"):
            if let next = peek, next >= 0x30, next <= 0x39 { return nil }  // legacy octal
            return 0
        case Self.c("c"):
            guard let letter = peek, (0x41...0x5A).contains(letter) || (0x61...0x7A).contains(letter) else {
                return nil
            }
            i += 1
            return letter % 32
        case Self.c("x"):
            guard let value = hex(count: 2) else { return Self.c("x") }  // Annex B: identity
            return value
        case Self.c("u"):
            guard let value = hex(count: 4) else { return peek == Self.c("{") ? nil : Self.c("u") }
            if (0xD800...0xDBFF).contains(value), peek == Self.c("\\"), peek(1) == Self.c("u") {
                let save = i
                i += 2
                if let low = hex(count: 4), (0xDC00...0xDFFF).contains(low) {
                    return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                i = save
            }
            return value
        default:
            // Identity escapes of syntax characters and other punctuation; letters and digits
            // (back-references, \p, \k, …) are left to ICU.
            if (0x30...0x39).contains(ch) || (0x41...0x5A).contains(ch) || (0x61...0x7A).contains(ch) { return nil }
            return ch
        }
    }

    private mutating func hex(count: Int) -> UInt32? {
        guard i + count <= scalars.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<count {
            let ch = scalars[i + k]
            let digit: UInt32
            switch ch {
            case 0x30...0x39: digit = ch - 0x30
            case 0x41...0x46: digit = ch - 0x41 + 10
            case 0x61...0x66: digit = ch - 0x61 + 10
            default: return nil
            }
            value = value * 16 + digit
        }
        i += count
        return value
    }

    // MARK: - Character classes

    private mutating func characterClass() -> Node? {
        var negated = false
        if peek == Self.c("^") {
            negated = true
            i += 1
        }
        var set = SchemaScalarSet()
        while let ch = peek, ch != Self.c("]") {
            guard let low = classAtom() else { return nil }
            if peek == Self.c("-"), let after = peek(1), after != Self.c("]") {
                i += 1
                guard let high = classAtom() else { return nil }
                switch (low, high) {
                case (.scalar(let a), .scalar(let b)):
                    guard a <= b else { return nil }
                    set.insert(a...b)
                default:
                    // Annex B: a class escape at either end makes `-` literal.
                    set.formUnion(low.set)
                    set.insert(Self.c("-"))
                    set.formUnion(high.set)
                }
            } else {
                set.formUnion(low.set)
            }
        }
        guard peek == Self.c("]") else { return nil }
        i += 1
        return .set(negated ? set.inverted : set)
    }

    private enum ClassAtom {
        case scalar(UInt32)
        case set(SchemaScalarSet)

        var set: SchemaScalarSet {
            switch self {
            case .scalar(let s): return SchemaScalarSet(s)
            case .set(let set): return set
            }
        }
    }

    private mutating func classAtom() -> ClassAtom? {
        guard let ch = peek else { return nil }
        guard ch == Self.c("\\") else {
            i += 1
            return .scalar(ch)
        }
        i += 1
        guard let escaped = peek else { return nil }
        if let set = classEscapeSet(escaped) {
            i += 1
            return .set(set)
        }
        if escaped == Self.c("b") {
            i += 1
            return .scalar(0x08)
        }
        if escaped == Self.c("-") {
            i += 1
            return .scalar(escaped)
        }
        guard let scalar = characterEscape() else { return nil }
        return .scalar(scalar)
    }
}
