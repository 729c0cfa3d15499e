/// Parses a command's arguments against its `CommandSpec`.
///
/// Accepts `--name value`, `--name=value`, `-x value`, flags, and `--` to end options.
/// An unknown option is a `UsageError` naming it and suggesting the closest known one.
struct ParsedArguments: Sendable {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    func flag(_ long: String) -> Bool { flags.contains(long) }
    func value(_ long: String) -> String? { values[long]?.last }
    func all(_ long: String) -> [String] { values[long] ?? [] }

    static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let (option, inlineValue) = try resolve(argument, spec: spec)
            guard option.takesValue else {
                if inlineValue != nil {
                    throw UsageError(command: spec.name, message: "option '--\(option.long)' takes no value")
                }
                parsed.flags.insert(option.long)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError(command: spec.name, message: "option '--\(option.long)' needs a value")
            }
            if case .value = option.arity, parsed.values[option.long] != nil {
                throw UsageError(command: spec.name, message: "option '--\(option.long)' given more than once")
            }
            parsed.values[option.long, default: []].append(value)
        }
        let maximum = spec.positionals.count
        if parsed.positionals.count > maximum && !parsed.flags.contains("help") {
            let extra = parsed.positionals[maximum]
            throw UsageError(command: spec.name, message: "unexpected argument '\(extra)'")
        }
        let required = spec.positionals.filter { !$0.optional }.count
        if parsed.positionals.count < required && !parsed.flags.contains("help") {
            let missing = spec.positionals[parsed.positionals.count]
            throw UsageError(command: spec.name, message: "missing argument \(missing.name)")
        }
        return parsed
    }

    private static func resolve(_ argument: String, spec: CommandSpec) throws(UsageError) -> (OptionSpec, String?) {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let name: Substring
            let inline: String?
            if let equals = body.firstIndex(of: "=") {
                name = body[..<equals]
                inline = String(body[body.index(after: equals)...])
            } else {
                name = body
                inline = nil
            }
            guard let option = spec.option(named: String(name)) else {
                throw unknown("--\(name)", spec: spec)
            }
            return (option, inline)
        }
        let letters = Array(argument.dropFirst())
        guard letters.count == 1, let option = spec.option(short: letters[0]) else {
            throw unknown(argument, spec: spec)
        }
        return (option, nil)
    }

    private static func unknown(_ flag: String, spec: CommandSpec) -> UsageError {
        let candidates = spec.options.map { "--\($0.long)" }
        var message = "unknown option '\(flag)'"
        if let best = Suggestion.closest(to: flag, in: candidates) {
            message += "; did you mean '\(best)'?"
        }
        return UsageError(command: spec.name, message: message)
    }
}

/// A command line that does not fit the command: exit 64 (EX_USAGE).
struct UsageError: Error, Sendable {
    var command: String?
    var message: String
}
