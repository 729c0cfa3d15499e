import Foundation

/// One benchmark table: a row per figure with what it is compared against, the ratio, the
/// target and the verdict, printed with aligned columns.
struct Table {
    /// A row's verdict: met, missed, or nothing to judge (an informational figure).
    enum Verdict: String {
        case pass = "PASS"
        case miss = "MISS"
        case info = "-"
    }

    struct Row {
        var figure: String
        var value: String
        var comparison: String = "-"
        var ratio: String = "-"
        var target: String = "-"
        var verdict: Verdict = .info
    }

    var title: String
    var rows: [Row] = []
    var notes: [String] = []

    init(title: String) {
        self.title = title
    }

    mutating func add(_ row: Row) {
        rows.append(row)
    }

    var misses: Int { rows.filter { $0.verdict == .miss }.count }

    func rendered() -> String {
        let header = ["figure", "ours", "compared with", "ratio", "target", "result"]
        let cells = rows.map { [$0.figure, $0.value, $0.comparison, $0.ratio, $0.target, $0.verdict.rawValue] }
        var widths = header.map(\.count)
        for row in cells {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = "\n== \(title)\n"
        out += line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        for note in notes { out += "  note: \(note)\n" }
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

/// Units for the tables: seconds and bytes as people read them.
enum Units {
    static func seconds(_ value: Double) -> String {
        if value < 1 { return fixed(value * 1000, value < 0.01 ? 2 : 1) + " ms" }
        return fixed(value, 2) + " s"
    }

    /// KiB → decimal megabytes ("123.4 MB").
    static func megabytes(kib: Int) -> String {
        fixed(Double(kib) * 1024 / 1_000_000, 1) + " MB"
    }

    static func ratio(_ value: Double) -> String {
        fixed(value, value < 10 ? 2 : 1) + "x"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        return String(format: "%.\(digits)f", value)
    }

    /// "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
