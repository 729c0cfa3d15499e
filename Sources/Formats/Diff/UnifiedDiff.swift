/// Unified diffs of text, as `diff -u` prints them, for showing what a plan will change.
///
/// The edit script comes from Myers' O(ND) algorithm over lines, so the output is minimal and
/// deterministic.
public enum UnifiedDiff {
    /// One line of a diff.
    public enum Line: Hashable, Sendable {
        case context(String)
        case removed(String)
        case added(String)
    }

    /// The hunks of a unified diff between `old` and `new` (empty when they are equal), with
    /// `context` unchanged lines around each change. Headers are `--- oldName` / `+++ newName`.
    public static func diff(
        old: String, new: String, oldName: String = "a", newName: String = "b", context: Int = 3
    ) -> String {
        if old.isEmpty != new.isEmpty {
            return wholeFile(old.isEmpty ? new : old, added: old.isEmpty, oldName: oldName, newName: newName)
        }
        let a = lines(old)
        let b = lines(new)
        let script = edits(a, b)
        guard script.contains(where: { if case .context = $0 { false } else { true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(script, context: context) {
            out += "@@ -\(range(hunk.oldStart, hunk.oldCount)) +\(range(hunk.newStart, hunk.newCount)) @@\n"
            for line in hunk.lines {
                switch line {
                case .context(let text): out += " \(text)\n"
                case .removed(let text): out += "-\(text)\n"
                case .added(let text): out += "+\(text)\n"
                }
            }
        }
        return out
    }

    /// The diff of a created (`added`) or deleted file: one hunk of every line, written in one
    /// pass over the bytes (a plan of thousands of new files prints thousands of these).
    static func wholeFile(_ text: String, added: Bool, oldName: String, newName: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let newline = UInt8(ascii: "\n")
            var count = 0
            for byte in bytes where byte == newline { count += 1 }
            let unterminated = bytes.last != newline
            if unterminated { count += 1 }
            let whole = range(1, count)
            let header = Array("--- \(oldName)\n+++ \(newName)\n@@ -\(added ? "0,0" : whole) +\(added ? whole : "0,0") @@\n".utf8)
            let trailer = unterminated ? Array("\n\\ No newline at end of file\n".utf8) : []
            let marker = added ? UInt8(ascii: "+") : UInt8(ascii: "-")
            // One marker per line, each line copied whole: a 22 MB plan text of created files
            // is mostly this loop.
            return String(unsafeUninitializedCapacity: header.count + count + bytes.count + trailer.count) { out in
                var at = out.initialize(fromContentsOf: header)
                var lineStart = 0
                while lineStart < bytes.count {
                    var lineEnd = lineStart
                    while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
                    if lineEnd < bytes.count { lineEnd += 1 }  // keep the newline
                    out[at] = marker
                    at += 1
                    at = out[at...].initialize(fromContentsOf: bytes[lineStart..<lineEnd])
                    lineStart = lineEnd
                }
                at = out[at...].initialize(fromContentsOf: trailer)
                return at
            }
        }
    }

    /// Splits text into lines without their terminators; a missing final newline is marked the
    /// way diff does.
    static func lines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        // Split on the newline byte: faster than by Character, and a `\r\n` line keeps its `\r`
        // as `diff` shows it rather than hiding it in one Character.
        var result = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        if result.last == "" {
            result.removeLast()
        } else {
            result[result.count - 1] += "\n\\ No newline at end of file"
        }
        return result
    }

    /// The shortest edit script turning `a` into `b` (Myers 1986), as a line sequence.
    public static func edits(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count
        let m = b.count
        let maxD = n + m
        if maxD == 0 { return [] }
        // A created or deleted file: the script is every line, no search needed (the search
        // would keep a trace of n + m rows of n + m entries).
        if n == 0 { return b.map(Line.added) }
        if m == 0 { return a.map(Line.removed) }
        let offset = maxD
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        var finalD = 0
        search: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m {
                    finalD = d
                    break search
                }
            }
        }
        // Walk the trace backwards to recover the path.
        var result: [Line] = []
        var x = n
        var y = m
        for d in stride(from: finalD, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                result.append(.context(a[x]))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    result.append(.added(b[y]))
                } else {
                    x -= 1
                    result.append(.removed(a[x]))
                }
            }
        }
        return result.reversed()
    }

    struct Hunk {
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
        var lines: [Line]
    }

    static func hunks(_ script: [Line], context: Int) -> [Hunk] {
        let changed = script.indices.filter { if case .context = script[$0] { false } else { true } }
        guard let first = changed.first else { return [] }
        // Group change indices whose gaps are at most 2 × context.
        var groups: [(Int, Int)] = []
        var start = first
        var end = first
        for index in changed.dropFirst() {
            if index - end > 2 * context {
                groups.append((start, end))
                start = index
            }
            end = index
        }
        groups.append((start, end))
        // Line numbers before each script position.
        var oldLine = [Int](repeating: 0, count: script.count + 1)
        var newLine = [Int](repeating: 0, count: script.count + 1)
        for (i, line) in script.enumerated() {
            oldLine[i + 1] = oldLine[i] + (line.isAdded ? 0 : 1)
            newLine[i + 1] = newLine[i] + (line.isRemoved ? 0 : 1)
        }
        return groups.map { group in
            let lower = max(0, group.0 - context)
            let upper = min(script.count, group.1 + context + 1)
            let lines = Array(script[lower..<upper])
            return Hunk(
                oldStart: oldLine[lower] + 1, oldCount: oldLine[upper] - oldLine[lower],
                newStart: newLine[lower] + 1, newCount: newLine[upper] - newLine[lower], lines: lines)
        }
    }

    static func range(_ start: Int, _ count: Int) -> String {
        if count == 1 { return "\(start)" }
        return "\(count == 0 ? start - 1 : start),\(count)"
    }
}

extension UnifiedDiff.Line {
    var isAdded: Bool { if case .added = self { true } else { false } }
    var isRemoved: Bool { if case .removed = self { true } else { false } }
}
