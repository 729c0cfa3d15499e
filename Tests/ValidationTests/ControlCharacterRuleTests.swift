import Testing

@testable import Validation

/// ControlCharacterRule: no control character (C0, DEL, C1, U+2028, U+2029) in any string or key.
@Suite struct ControlCharacterRuleTests {
    private let tail = "strings that can reach unit files, manifests or command lines must not contain control characters"

    @Test func everyStringOfAContainerIsChecked() {
        let container = #"{"name": "app", "image": "docker.io/library/nginx:1.27", "command": ["sh", "-c", "echo a\nb"], "args": ["x\u2028y"], "workingDir": "/srv\u007f", "env": [{"name": "MODE", "value": "a\u0000b"}]}"#
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", TestDocuments.pod("web", container: container))
        #expect(repo.messages() == [
            "desired/agentpods/web.json:9:88: error: /spec/containers/0/command/2: string contains control character U+000A (line feed); \(tail)",
            "desired/agentpods/web.json:9:111: error: /spec/containers/0/args/0: string contains control character U+2028 (line separator); \(tail)",
            "desired/agentpods/web.json:9:138: error: /spec/containers/0/workingDir: string contains control character U+007F (delete); \(tail)",
            "desired/agentpods/web.json:9:186: error: /spec/containers/0/env/0/value: string contains control character U+0000 (NUL); \(tail)",
        ])
    }

    @Test func annotationsAndFleetSettingsAreChecked() {
        let repo = TestRepo.baseline
            .with("desired/bundles/core.json", """
                {
                  "apiVersion": "agentplane.dev/v1alpha1",
                  "kind": "Bundle",
                  "metadata": {"name": "core", "version": "1.0.0", "annotations": {"note": "a\\tb\\u0085"}},
                  "spec": {"pods": ["web"], "policy": {"maxRunSeconds": 300}}
                }
                """)
            .with("fleet/inventory.json", """
                {
                  "apiVersion": "agentplane.dev/v1alpha1",
                  "kind": "Fleet",
                  "metadata": {"name": "fleet"},
                  "spec": {
                    "stages": ["dev"],
                    "nodes": [{"name": "n1", "stage": "dev", "executor": {"type": "directory", "path": "out\\r"}}]
                  }
                }
                """)
        #expect(repo.messages() == [
            "desired/bundles/core.json:4:76: error: /metadata/annotations/note: string contains control character U+0009 (tab); \(tail)",
            "fleet/inventory.json:7:88: error: /spec/nodes/0/executor/path: string contains control character U+000D (carriage return); \(tail)",
        ])
    }

    /// The schema's key patterns reject this too; the rule checks keys on its own.
    @Test func keysAreChecked() throws {
        let repo = TestRepo.baseline.with("desired/profiles/personal.json", """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Profile",
              "metadata": {"name": "personal", "labels": {"team\\u2029": "a"}},
              "spec": {"class": "personal", "network": {"mode": "open"}}
            }
            """)
        #expect(try repo.semanticMessages(rule: "control-characters") == [
            "desired/profiles/personal.json:4:47: error: /metadata/labels/team\u{2029}: key contains control character U+2029 (paragraph separator); keys that can reach unit files, manifests or command lines must not contain control characters"
        ])
    }

    /// Raw in the file, with no backslash anywhere in it: DEL, a C1 character and both line
    /// separators are still found (a document without escapes is only walked when it holds one
    /// of their lead bytes).
    @Test func rawControlCharactersWithoutAnyEscapeAreFound() {
        for (raw, name) in [("\u{7F}", "U+007F (delete)"), ("\u{85}", "U+0085 (next line)"), ("\u{2028}", "U+2028 (line separator)"),
                            ("\u{2029}", "U+2029 (paragraph separator)")] {
            let container = "{\"name\": \"app\", \"image\": \"docker.io/library/nginx:1.27\", \"args\": [\"a\(raw)b\"]}"
            let document = TestDocuments.pod("web", container: container)
            #expect(!document.utf8.contains(UInt8(ascii: "\\")))
            let repo = TestRepo.baseline.with("desired/agentpods/web.json", document)
            let messages = repo.messages()
            #expect(messages.count == 1, "\(name)")
            #expect(messages.first?.contains("/spec/containers/0/args/0: string contains control character \(name)") == true, "\(messages)")
        }
    }

    @Test func theQuickScanSeesEveryLeadByteAtEveryPositionOfAWord() {
        for length in 1...19 {
            #expect(!ControlCharacterRule.mayHoldControl(Array(repeating: UInt8(ascii: "a"), count: length)))
            for position in 0..<length {
                for byte: UInt8 in [0x5C, 0x7F, 0x80, 0xC2, 0xE2, 0xFF] {
                    var text = Array(repeating: UInt8(ascii: "~"), count: length)
                    text[position] = byte
                    #expect(ControlCharacterRule.mayHoldControl(text), "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        #expect(!ControlCharacterRule.mayHoldControl([]))
        #expect(!ControlCharacterRule.mayHoldControl(Array((0x20...0x7E).map { UInt8($0) }.filter { $0 != 0x5C })))
    }

    @Test func ordinaryUnicodeIsFine() {
        let container = #"{"name": "app", "image": "docker.io/library/nginx:1.27", "args": ["grüße", "日本", "emoji 🚀", "a b"]}"#
        let repo = TestRepo.baseline.with("desired/agentpods/web.json", TestDocuments.pod("web", container: container))
        #expect(repo.messages() == [])
    }
}
