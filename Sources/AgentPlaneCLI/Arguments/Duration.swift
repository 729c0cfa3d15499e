/// Durations on the command line: `90`, `90s`, `5m`, `1h`, `1h30m`, `500ms`.
enum DurationArgument {
    static func seconds(_ text: String) -> Double? {
        if let plain = Double(text), plain >= 0, plain.isFinite { return plain }
        var total = 0.0
        var number = ""
        var index = text.startIndex
        var sawUnit = false
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber || character == "." {
                number.append(character)
                index = text.index(after: index)
                continue
            }
            guard let value = Double(number) else { return nil }
            let rest = text[index...]
            let unit: (String, Double)?
            if rest.hasPrefix("ms") { unit = ("ms", 0.001) }
            else if rest.hasPrefix("s") { unit = ("s", 1) }
            else if rest.hasPrefix("m") { unit = ("m", 60) }
            else if rest.hasPrefix("h") { unit = ("h", 3600) }
            else { unit = nil }
            guard let (name, factor) = unit else { return nil }
            total += value * factor
            number = ""
            sawUnit = true
            index = text.index(index, offsetBy: name.count)
        }
        guard number.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }
}
