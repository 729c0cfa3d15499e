import Dispatch
import Formats
import PlaneModel

/// The compiled JSON Schema of each document kind, built once per process from
/// `EmbeddedSchemas` (no files are read at run time).
public enum SchemaCatalog {
    /// The schema file of each kind, e.g. `agentpod.schema.json` for AgentPod.
    public static let fileNames: [DocumentKind: String] = [
        .agentPod: "agentpod.schema.json",
        .bundle: "bundle.schema.json",
        .profile: "profile.schema.json",
        .fleet: "fleet.schema.json",
    ]

    /// Compiled on first use, thread-safely (a `static let`), and kept for the process.
    private static let compiled: [DocumentKind: Result<JSONSchema, ValidationError>] = {
        var result: [DocumentKind: Result<JSONSchema, ValidationError>] = [:]
        for kind in DocumentKind.allCases { result[kind] = compile(kind) }
        return result
    }()

    /// Compiles the schemas on another thread now (about 20 ms), so the first validation does
    /// not wait for them: the reconciler starts this before it reads the desired state from git.
    public static func compileInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { _ = compiled.count }
    }

    /// The compiled schema of `kind`.
    public static func schema(for kind: DocumentKind) -> Result<JSONSchema, ValidationError> {
        compiled[kind] ?? .failure(.schemaUnavailable(kind, reason: "no schema is registered"))
    }

    /// The embedded text of the schema of `kind`, or nil.
    public static func text(for kind: DocumentKind) -> String? {
        guard let name = fileNames[kind] else { return nil }
        return EmbeddedSchemas.files.first { $0.name == name }?.text
    }

    private static func compile(_ kind: DocumentKind) -> Result<JSONSchema, ValidationError> {
        guard let name = fileNames[kind], let text = text(for: kind) else {
            return .failure(.schemaUnavailable(kind, reason: "not embedded; run Sources/Validation/embed-schemas.sh"))
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(text)
        } catch {
            return .failure(.schemaUnavailable(kind, reason: "\(name):\(error.description)"))
        }
        do {
            return .success(try JSONSchema(node))
        } catch {
            return .failure(.schemaUnavailable(kind, reason: "\(name): \(error.description)"))
        }
    }
}
