import Foundation
import Formats
import Rendering

/// agentplane's mark on a Kubernetes manifest file, as the renderer writes it (block YAML,
/// two-space indents): the top-level `metadata.labels` holds `agentplane.dev/managed-by:
/// agentplane`, and `metadata.annotations` holds `agentplane.dev/digest`, the SHA-256 of the
/// manifest rendered without that annotation.
///
/// The check reads lines, not YAML in general: it looks only at the top-level `metadata:` block
/// and its `labels:` and `annotations:` maps, exactly where the renderer puts them. The same
/// label anywhere else (a pod template, a comment, a string) does not make a file ours.
enum ManifestMarker {
    static let extensions: Set<String> = ["yaml", "yml"]

    /// What the top-level metadata block says.
    struct Metadata: Equatable {
        var managedBy: String?
        var digest: String?
        /// Line index of the digest annotation.
        var digestLine: Int?
        /// Line index of `  annotations:` and how many entries it has.
        var annotationsLine: Int?
        var annotationCount = 0
        /// Every annotation of the block, values unquoted.
        var annotations: [String: String] = [:]
    }

    /// The claimed digest when `head` (a file's first bytes; `complete` when that is the whole
    /// file) carries our managed-by label: `.some(nil)` for our file with no valid digest, nil
    /// when the file is not ours.
    static func claimedDigest(head: [UInt8], complete: Bool) -> String?? {
        var lines = Self.lines(head)
        if !complete, !lines.isEmpty { lines.removeLast() }  // a partial line
        guard let metadata = metadata(lines), metadata.managedBy == OwnershipLabel.managedByValue else { return nil }
        guard let digest = metadata.digest, Digest.isSHA256(digest) else { return .some(nil) }
        return .some(digest)
    }

    /// The content digest recomputed as the renderer computed it: the file without its digest
    /// annotation line (and without `annotations:` when that was its only entry).
    static func contentDigest(_ bytes: [UInt8]) -> String {
        var lines = Self.lines(bytes)
        if let metadata = metadata(lines), let digestLine = metadata.digestLine {
            lines.remove(at: digestLine)
            if metadata.annotationCount == 1, let annotationsLine = metadata.annotationsLine {
                lines.remove(at: annotationsLine)
            }
        }
        var hasher = SHA256()
        for (index, line) in lines.enumerated() {
            if index > 0 { hasher.update(CollectionOfOne(UInt8(ascii: "\n"))) }
            hasher.update(line)
        }
        return SHA256.hexString(hasher.finalize())
    }

    /// `bytes` split at every `\n` (the text after the last one is the last element).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    /// Reads the top-level `metadata:` block; nil when there is none.
    static func metadata(_ lines: [ArraySlice<UInt8>]) -> Metadata? {
        guard let start = lines.firstIndex(where: { $0.elementsEqual("metadata:".utf8) }) else { return nil }
        var result = Metadata()
        var section: String?
        for index in (start + 1)..<lines.count {
            let line = lines[index]
            if line.isEmpty { continue }
            if indent(of: line) == 0 { break }
            if indent(of: line) == 2 {
                section = entry(line, indent: 2)?.key
                if section == "annotations" { result.annotationsLine = index }
                continue
            }
            guard indent(of: line) == 4, let (key, value) = entry(line, indent: 4) else { continue }
            switch section {
            case "labels":
                if key == OwnershipLabel.managedBy { result.managedBy = value }
            case "annotations":
                result.annotationCount += 1
                result.annotations[key] = value
                if key == OwnershipLabel.digest {
                    result.digest = value
                    result.digestLine = index
                }
            default:
                break
            }
        }
        return result
    }

    /// The number of leading spaces.
    private static func indent(of line: ArraySlice<UInt8>) -> Int {
        line.prefix { $0 == UInt8(ascii: " ") }.count
    }

    /// `key: value` (or `key:`) of a line indented by `indent` spaces, the value unquoted.
    private static func entry(_ line: ArraySlice<UInt8>, indent: Int) -> (key: String, value: String)? {
        let text = String(decoding: line.dropFirst(indent), as: UTF8.self)
        if text.hasSuffix(":") { return (String(text.dropLast()), "") }
        guard let separator = text.range(of: ": ") else { return nil }
        let key = String(text[..<separator.lowerBound])
        return (key, unquote(String(text[separator.upperBound...])))
    }

    /// A YAML scalar as the renderer writes it: plain, `'single'` (with `''`) or `"double"`.
    static func unquote(_ raw: String) -> String {
        let value = raw.trimmingWhitespace()
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return String(value.dropFirst().dropLast()).replacingAll("''", with: "'")
        }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\""), !value.contains("\\") {
            return String(value.dropFirst().dropLast())
        }
        if let comment = value.range(of: " #") { return String(value[..<comment.lowerBound]).trimmingWhitespace() }
        return value
    }
}
