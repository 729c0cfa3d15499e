import Foundation

/// `--state-dir`: where agentplane keeps its database, fast-path records and the folders of
/// directory-executor nodes. Default: `$XDG_STATE_HOME/agentplane`, `/var/lib/agentplane` as
/// root, else `~/.local/state/agentplane`.
enum StateDirectoryOption {
    static let spec = OptionSpec(
        "state-dir", .value(name: "DIR"),
        help: "State directory (default $XDG_STATE_HOME/agentplane, /var/lib/agentplane as root).")

    static func resolve(_ value: String?, context: CommandContext) -> String {
        if let value { return context.absolutePath(value) }
        if let xdg = context.environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/agentplane" }
        if getuid() == 0 { return "/var/lib/agentplane" }
        let home = context.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/agentplane"
    }
}
