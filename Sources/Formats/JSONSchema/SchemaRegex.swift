import Foundation

/// A compiled `pattern` / `patternProperties` regular expression (ECMA-262 syntax).
///
/// Most schema patterns compile to a `SchemaRegexDFA`: exact ECMA-262 semantics (over Unicode
/// code points) and one pass over the string's UTF-8 bytes, with no bridging to NSString. The
/// constructs it does not handle (back-references, lookaround, `\b`, `\p{…}`, very large
/// automata) go to ICU through NSRegularExpression, after a rewrite so the common constructs
/// mean what ECMA-262 says: `\d`, `\w` and `\s` (outside and inside character classes) become
/// explicit ASCII / ECMA sets instead of ICU's Unicode ones, `$` becomes end-of-input (ICU's
/// `$` also matches before a final line break), `.` excludes exactly the ECMA line
/// terminators, and `[` and `&` inside a class are literal (ICU reads them as nested sets and
/// set intersection). On that path ICU's meaning remains for `\D`, `\W`, `\S` and `\b` inside
/// a class, Unicode property escapes, and the Annex B leniencies.
struct SchemaRegex: Sendable {
    /// The pattern as written in the schema.
    let source: String
    private let engine: Engine

    private enum Engine: Sendable {
        case automaton(SchemaRegexDFA)
        case icu(NSRegularExpression)
    }

    /// Compiles an ECMA-262 pattern; throws ICU's reason when it is not valid.
    init(_ source: String) throws {
        self.source = source
        if let tree = SchemaRegexParser.parse(source), let automaton = SchemaRegexDFA(tree) {
            engine = .automaton(automaton)
        } else {
            engine = .icu(try NSRegularExpression(pattern: Self.translate(source), options: []))
        }
    }

    /// True when the pattern matches anywhere in `text` (patterns are not implicitly anchored).
    func matches(_ text: String) -> Bool {
        switch engine {
        case .automaton(let automaton):
            return automaton.matches(text)
        case .icu(let regex):
            return regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count)) != nil
        }
    }

    /// Whether this pattern runs on ICU rather than the built-in automaton (for tests).
    var usesICU: Bool {
        if case .icu = engine { return true }
        return false
    }

    private static let ecmaSpaceSet =
        "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF"

    /// Rewrites ECMA-262 syntax into ICU syntax with the same meaning (see the type's comment).
    static func translate(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        func emit(_ text: String) { out.append(contentsOf: text.unicodeScalars) }
        var i = 0
        var inClass = false
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if c == "\\" {
                guard i < scalars.count else {
                    emit("\\")
                    break
                }
                let e = scalars[i]
                i += 1
                switch (e, inClass) {
                case ("d", false): emit("[0-9]")
                case ("D", false): emit("[^0-9]")
                case ("w", false): emit("[a-zA-Z0-9_]")
                case ("W", false): emit("[^a-zA-Z0-9_]")
                case ("s", false): emit("[" + ecmaSpaceSet + "]")
                case ("S", false): emit("[^" + ecmaSpaceSet + "]")
                case ("d", true): emit("0-9")
                case ("w", true): emit("a-zA-Z0-9_")
                case ("s", true): emit(ecmaSpaceSet)
                default:
                    out.append("\\")
                    out.append(e)
                }
                continue
            }
            if inClass {
                switch c {
                case "]":
                    out.append("]")
                    inClass = false
                case "[": emit("\\[")
                case "&": emit("\\&")
                default: out.append(c)
                }
                continue
            }
            switch c {
            case "[":
                let negated = i < scalars.count && scalars[i] == "^"
                let contentStart = negated ? i + 1 : i
                if contentStart < scalars.count && scalars[contentStart] == "]" {
                    // ECMA `[]` matches nothing and `[^]` matches anything; ICU reads `]` as literal.
                    emit(negated ? "[\\s\\S]" : "(?!)")
                    i = contentStart + 1
                } else {
                    emit(negated ? "[^" : "[")
                    i = contentStart
                    inClass = true
                }
            case "$": emit("\\z")
            case ".": emit("[^\\n\\r\\u2028\\u2029]")
            default: out.append(c)
            }
        }
        return String(out)
    }
}
