/// The output of `systemctl show --property=Id,LoadState,ActiveState,SubState unit…`: one block
/// of `Name=value` lines per unit, in the order the units were named, blocks separated by an
/// empty line.
struct SystemctlShow: Equatable {
    /// One unit's properties.
    struct Unit: Equatable {
        var id: String?
        var loadState: String?
        var activeState: String?
        var subState: String?

        /// What a reader sees: `active (running)`, `failed (failed)`, or the load state when the
        /// unit is not loaded (`not-found`: the generator made no service, or daemon-reload is due).
        var state: String? {
            if let loadState, loadState != "loaded" { return loadState }
            guard let activeState else { return nil }
            guard let subState, !subState.isEmpty else { return activeState }
            return "\(activeState) (\(subState))"
        }
    }

    var units: [Unit]

    /// The properties asked for.
    static let properties = "--property=Id,LoadState,ActiveState,SubState"

    /// Parses the blocks for `names`; `unexpectedOutput` when the blocks do not match the names.
    static func parse(_ text: String, names: [String], program: String) throws(ExecutorError) -> [String: Unit] {
        var blocks: [Unit] = []
        var current: Unit?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty {
                if let unit = current { blocks.append(unit) }
                current = nil
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .unexpectedOutput(program, "`systemctl show` printed a line without '=': \"\(line.prefix(80))\"")
            }
            let key = line[..<equals]
            let value = String(line[line.index(after: equals)...])
            var unit = current ?? Unit()
            switch key {
            case "Id": unit.id = value
            case "LoadState": unit.loadState = value
            case "ActiveState": unit.activeState = value
            case "SubState": unit.subState = value
            default: break
            }
            current = unit
        }
        if let unit = current { blocks.append(unit) }
        guard blocks.count == names.count else {
            throw .unexpectedOutput(
                program, "`systemctl show` described \(blocks.count) units, \(names.count) were asked for")
        }
        var byName: [String: Unit] = [:]
        for (name, unit) in zip(names, blocks) {
            if let id = unit.id, id != name {
                throw .unexpectedOutput(program, "`systemctl show` answered for \(id) where \(name) was expected")
            }
            byName[name] = unit
        }
        return byName
    }
}
