import Foundation
import Testing

@testable import Formats

@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.diff(old: "a\nb\n", new: "a\nb\n") == "")
        #expect(UnifiedDiff.diff(old: "", new: "") == "")
    }

    @Test func aChangedLineWithContext() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n"
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n"
        #expect(UnifiedDiff.diff(old: old, new: new, oldName: "a/x", newName: "b/x") == """
            --- a/x
            +++ b/x
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    @Test func creationAndMissingFinalNewline() {
        #expect(UnifiedDiff.diff(old: "", new: "x\ny\n") == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n")
        #expect(UnifiedDiff.diff(old: "x", new: "x\n") == "--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n")
    }

    /// A created or deleted file takes a one-pass path; it must print what the edit script does.
    @Test func wholeFileDiffsMatchTheEditScript() {
        let texts = ["x", "x\n", "\n", "\n\n", "a\nb", "a\nb\n", "a\r\nb\r\n", "é\n\u{1F600}\n", "a\n\nb\n\n",
            "[Unit]\nDescription=a line longer than sixteen bytes\n\n[Container]\nImage=ghcr.io/acme/x:1\nno final newline here",
        ]
        for text in texts {
            for added in [true, false] {
                let script = added ? UnifiedDiff.lines(text).map(UnifiedDiff.Line.added) : UnifiedDiff.lines(text).map(UnifiedDiff.Line.removed)
                var expected = "--- a\n+++ b\n"
                for hunk in UnifiedDiff.hunks(script, context: 3) {
                    expected += "@@ -\(UnifiedDiff.range(hunk.oldStart, hunk.oldCount)) +\(UnifiedDiff.range(hunk.newStart, hunk.newCount)) @@\n"
                    for line in hunk.lines {
                        switch line {
                        case .added(let t): expected += "+\(t)\n"
                        case .removed(let t): expected += "-\(t)\n"
                        case .context(let t): expected += " \(t)\n"
                        }
                    }
                }
                let actual = added ? UnifiedDiff.diff(old: "", new: text) : UnifiedDiff.diff(old: text, new: "")
                #expect(actual == expected, "\(added ? "created" : "deleted") \(text.debugDescription)")
            }
        }
    }

    /// Checks against the outside tools: `patch` applies every diff to give the new text, and the
    /// number of changed lines equals GNU `diff -d` (minimal) on the same inputs.
    @Test func agreesWithDiffAndPatchOnRandomInputs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ap-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix(seed: 42)
        for round in 0..<60 {
            let alphabet = ["a", "b", "c", "d", "e", ""]
            let oldLines = (0..<Int(random.next() % 30)).map { _ in alphabet[Int(random.next() % 6)] }
            var newLines = oldLines
            for _ in 0..<Int(random.next() % 6) {
                let op = random.next() % 3
                let position = newLines.isEmpty ? 0 : Int(random.next() % UInt64(newLines.count))
                switch op {
                case 0: newLines.insert(alphabet[Int(random.next() % 6)] + "x", at: position)
                case 1: if !newLines.isEmpty { newLines.remove(at: position) }
                default: if !newLines.isEmpty { newLines[position] = "changed\(round)" }
                }
            }
            let old = oldLines.map { $0 + "\n" }.joined()
            let new = newLines.map { $0 + "\n" }.joined()
            let oldURL = directory.appendingPathComponent("old\(round)")
            let newURL = directory.appendingPathComponent("new\(round)")
            try Data(old.utf8).write(to: oldURL)
            try Data(new.utf8).write(to: newURL)
            let ours = UnifiedDiff.diff(old: old, new: new, oldName: oldURL.path, newName: newURL.path)
            let reference = try run("/usr/bin/diff", ["-d", "-u", oldURL.path, newURL.path])
            let count = { (text: String) in
                text.split(separator: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }.count
            }
            #expect(count(ours) == count(reference), "round \(round)")
            let patchURL = directory.appendingPathComponent("p\(round).diff")
            try Data(ours.utf8).write(to: patchURL)
            let patched = directory.appendingPathComponent("patched\(round)")
            try Data(old.utf8).write(to: patched)
            if !ours.isEmpty {
                _ = try run("/usr/bin/patch", ["-s", "-o", patched.path + ".out", patched.path, patchURL.path])
                let result = try String(contentsOf: URL(fileURLWithPath: patched.path + ".out"), encoding: .utf8)
                #expect(result == new, "round \(round)")
            }
        }
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
