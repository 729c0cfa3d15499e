import PlaneModel

/// Where documents live in a desired-state repository, and what every other file there means.
///
/// ```
/// desired/agentpods/<name>.json   AgentPod
/// desired/bundles/<name>.json     Bundle
/// desired/profiles/<name>.json    Profile
/// fleet/inventory.json            Fleet
/// ```
///
/// Decisions, applied alike to a directory and a git commit:
/// - A `.json` file anywhere else under `desired/` or `fleet/` (e.g. `desired/agentpod/web.json`,
///   `desired/agentpods/team/web.json`, `fleet/nodes.json`) is an **error**: it looks like a
///   document but would never be applied, which is what a typo in a directory name does.
/// - Files whose name starts with `.` (`.gitkeep`, `.DS_Store`) and Markdown notes (`*.md`,
///   `README*`) are ignored silently; any other non-`.json` file is ignored with a **warning**
///   (`web.jsn`, `web.yaml` are probably mistakes).
/// - Symlinks, submodules, pipes and devices anywhere under `desired/` or `fleet/` are errors.
public enum SourceLayout {
    /// The top-level directories that hold documents.
    public static let roots = ["desired", "fleet"]
    /// The path of the fleet inventory.
    public static let fleetPath = "fleet/inventory.json"
    /// The directory of each kind's documents (the fleet has a single file instead).
    public static let directories: [(path: String, kind: DocumentKind)] = [
        ("desired/agentpods", .agentPod), ("desired/bundles", .bundle), ("desired/profiles", .profile),
    ]

    /// What a file at a repository-relative path is to the reader.
    public enum Role: Hashable, Sendable {
        /// A document of this kind: read and validated.
        case document(DocumentKind)
        /// A `.json` file outside the document locations: an error.
        case misplacedJSON
        /// A dotfile or Markdown note: skipped without a word.
        case ignoredQuietly
        /// Any other file: skipped with a warning.
        case ignoredWithWarning
    }

    /// The role of the file at `path` (e.g. `desired/agentpods/web.json` → `.document(.agentPod)`).
    public static func role(of path: String) -> Role {
        let name = fileName(path)
        if name.utf8.first == UInt8(ascii: ".") { return .ignoredQuietly }
        if let kind = documentKind(at: path) { return .document(kind) }
        if endsWith(name, ".json") { return .misplacedJSON }
        if endsWith(name, ".md") || name.utf8.starts(with: "README".utf8) { return .ignoredQuietly }
        return .ignoredWithWarning
    }

    /// The kind a document at `path` must have, or nil when `path` is not a document location:
    /// the fleet path, or a kind's directory, a slash and a name that ends in `.json` and is
    /// neither hidden nor in a subdirectory. Compared by bytes in place (four calls for every
    /// file read; through the UTF-8 and character views they cost 9,000 instructions each).
    public static func documentKind(at path: String) -> DocumentKind? {
        if let kind = path.utf8.withContiguousStorageIfAvailable({ documentKind(bytes: $0) }) { return kind }
        return Array(path.utf8).withUnsafeBufferPointer { documentKind(bytes: $0) }
    }

    private static let fleetBytes = Array(fleetPath.utf8)
    private static let directoryBytes = directories.map { (prefix: Array($0.path.utf8) + [UInt8(ascii: "/")], kind: $0.kind) }
    private static let jsonSuffix = Array(".json".utf8)

    private static func documentKind(bytes: UnsafeBufferPointer<UInt8>) -> DocumentKind? {
        if bytes.elementsEqual(fleetBytes) { return .fleet }
        guard bytes.count > jsonSuffix.count, bytes[(bytes.count - jsonSuffix.count)...].elementsEqual(jsonSuffix) else {
            return nil
        }
        for (prefix, kind) in directoryBytes where bytes.count > prefix.count && bytes[..<prefix.count].elementsEqual(prefix) {
            let name = bytes[prefix.count...]
            guard name.first != UInt8(ascii: "."), !name.contains(UInt8(ascii: "/")) else { return nil }
            return kind
        }
        return nil
    }

    /// Whether `name` ends with the bytes of `suffix` (`hasSuffix` compares characters, walking
    /// grapheme clusters backwards).
    private static func endsWith(_ name: Substring, _ suffix: String) -> Bool {
        let bytes = name.utf8
        let tail = suffix.utf8
        guard bytes.count >= tail.count else { return false }
        return bytes.suffix(tail.count).elementsEqual(tail)
    }

    /// The name a document at `path` must carry in `metadata.name`: the file name without
    /// `.json` (`desired/agentpods/web.json` → `web`), or nil for the fleet and other paths.
    public static func expectedName(at path: String) -> String? {
        guard let kind = documentKind(at: path), kind != .fleet else { return nil }
        return String(fileName(path).dropLast(".json".count))
    }

    /// The last component of `path` (`desired/agentpods/web.json` → `web.json`).
    private static func fileName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.utf8.index(after: slash)...]
    }

    /// The one-line reminder used in messages about misplaced files.
    public static let layoutHint =
        "documents go in desired/agentpods/, desired/bundles/ or desired/profiles/ as <name>.json, and the fleet in fleet/inventory.json"
}
