/// Renders `--help` for a command and for the tool as a whole.
enum HelpText {
    static func command(_ spec: CommandSpec) -> String {
        var text = "OVERVIEW: \(spec.abstract)\n\nUSAGE: agentplane \(spec.usage)\n"
        if !spec.positionals.isEmpty {
            text += "\nARGUMENTS:\n"
            for positional in spec.positionals {
                text += row(positional.name, positional.help)
            }
        }
        text += "\nOPTIONS:\n"
        for option in spec.options {
            var left = option.short.map { "-\($0), " } ?? "    "
            left += "--\(option.long)"
            switch option.arity {
            case .flag: break
            case .value(let name): left += " \(name)"
            case .repeated(let name): left += " \(name)…"
            }
            text += row(left, option.help)
        }
        if !spec.discussion.isEmpty {
            text += "\n" + spec.discussion
            if !spec.discussion.hasSuffix("\n") { text += "\n" }
        }
        return text
    }

    static func tool(_ commands: [any Command], version: String) -> String {
        var text = """
            OVERVIEW: agentplane \(version): a GitOps reconciler for AI agent workloads.

            USAGE: agentplane <command> [options]

            COMMANDS:

            """
        for command in commands {
            text += row(command.spec.name, command.spec.abstract)
        }
        text += """

            OPTIONS:
              -h, --help              Show this help, or a command's with `agentplane <command> --help`.
                  --version           Print the version.

            Exit codes: 0 success, 1 invalid input or failure, 2 changes pending (dry-run), 64 usage.

            """
        return text
    }

    private static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 22 ? left + String(repeating: " ", count: 22 - left.count) : left + "  "
        return "  \(padded)\(right)\n"
    }
}
