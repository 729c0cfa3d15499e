import Testing

@testable import AgentPlaneCLI

@Suite("Argument parsing")
struct ArgumentParsingTests {
    @Test func unknownFlagExits64NamingItAndSuggestingTheClosest() {
        let result = runInProcess(["validate", "--outptu", "json"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("unknown option '--outptu'"))
        #expect(result.stderr.contains("did you mean '--output'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test func truncatedFlagSuggestsTheLongerOne() {
        let result = runInProcess(["validate", "--re", "HEAD"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("did you mean '--rev'?"))
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let result = runInProcess(["valdiate"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("unknown command 'valdiate'; did you mean 'validate'?"))
    }

    @Test func missingValueAndExtraArgumentsAreUsageErrors() {
        let missing = runInProcess(["validate", "--rev"])
        #expect(missing.code == 64)
        #expect(missing.stderr.contains("option '--rev' needs a value"))
        let extra = runInProcess(["validate", "a", "b"])
        #expect(extra.code == 64)
        #expect(extra.stderr.contains("unexpected argument 'b'"))
        let badFormat = runInProcess(["validate", "--output", "yaml"])
        #expect(badFormat.code == 64)
        #expect(badFormat.stderr.contains("unknown output format 'yaml'"))
    }

    @Test func inlineValuesAndDoubleDash() throws {
        let spec = CommandSpec(
            name: "t", abstract: "", usage: "",
            options: [OptionSpec("node", .repeated(name: "N"), help: ""), OptionSpec("rev", .value(name: "R"), help: "")],
            positionals: [PositionalSpec(name: "P", help: "", optional: true)])
        let parsed = try ParsedArguments.parse(["--node=a", "--node", "b", "--rev=x", "--", "--odd"], spec: spec)
        #expect(parsed.all("node") == ["a", "b"])
        #expect(parsed.value("rev") == "x")
        #expect(parsed.positionals == ["--odd"])
        #expect(throws: UsageError.self) { try ParsedArguments.parse(["--rev", "a", "--rev", "b"], spec: spec) }
    }

    @Test(arguments: ["validate"])
    func everyCommandHasHelp(command: String) {
        let result = runInProcess([command, "--help"])
        #expect(result.code == 0)
        #expect(result.stdout.contains("USAGE: agentplane \(command)"))
        #expect(result.stdout.contains("--help"))
    }

    @Test func toolHelpAndVersion() {
        let help = runInProcess(["--help"])
        #expect(help.code == 0)
        #expect(help.stdout.contains("COMMANDS:"))
        #expect(help.stdout.contains("validate"))
        let version = runInProcess(["--version"])
        #expect(version.code == 0)
        #expect(version.stdout == "agentplane \(AgentPlane.version)\n")
        let none = runInProcess([])
        #expect(none.code == 64)
    }

    @Test func suggestionDistance() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "--zzzzzzzz", in: ["--output"]) == nil)
    }
}
