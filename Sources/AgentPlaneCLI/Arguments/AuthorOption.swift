import Foundation
import GitKit

/// `--author "Name <email>"` for commits agentplane writes.
enum AuthorOption {
    static func parse(_ text: String?) throws -> Commit.Signature? {
        guard let text else { return nil }
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else {
            throw UsageError(command: nil, message: "--author takes \"Name <email>\", not '\(text)'")
        }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !name.isEmpty, email.contains("@") else {
            throw UsageError(command: nil, message: "--author takes \"Name <email>\", not '\(text)'")
        }
        return Commit.Signature(name: name, email: email, time: Int64(Date().timeIntervalSince1970))
    }
}
