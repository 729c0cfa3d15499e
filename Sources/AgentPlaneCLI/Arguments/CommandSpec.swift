/// The declared shape of one command: its options and positional arguments, used for parsing,
/// `--help` text and "did you mean" suggestions.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    /// Usage synopsis without the program name, e.g. `validate [PATH] [--rev REF]`.
    var usage: String
    var options: [OptionSpec]
    var positionals: [PositionalSpec]
    /// Extra paragraphs printed after the option list (exit codes, examples).
    var discussion: String

    init(
        name: String, abstract: String, usage: String, options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [], discussion: String = ""
    ) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.options = options + [.help]
        self.positionals = positionals
        self.discussion = discussion
    }

    func option(named long: String) -> OptionSpec? {
        options.first { $0.long == long }
    }

    func option(short: Character) -> OptionSpec? {
        options.first { $0.short == short }
    }
}

/// One `--long` option, a flag or one that takes a value.
struct OptionSpec: Sendable {
    enum Arity: Sendable {
        case flag
        case value(name: String)
        /// A value that may be given several times (`--node a --node b`).
        case repeated(name: String)
    }

    var long: String
    var short: Character?
    var arity: Arity
    var help: String

    init(_ long: String, short: Character? = nil, _ arity: Arity = .flag, help: String) {
        self.long = long
        self.short = short
        self.arity = arity
        self.help = help
    }

    var takesValue: Bool {
        if case .flag = arity { return false }
        return true
    }

    static let help = OptionSpec("help", short: "h", help: "Show help for this command.")
    static let output = OptionSpec(
        "output", short: "o", .value(name: "FORMAT"), help: "Output format: text (default) or json.")
}

/// A positional argument.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    var optional: Bool
}
