import DesiredState
import Formats
import PlaneModel

/// Names: every `metadata.name` is a DNS-1123 label, matches its file name, and is unique per
/// kind; container and volume names are DNS-1123 labels, unique within their pod.
///
/// `metadata.name` must equal the file name (`desired/agentpods/web.json` holds the AgentPod
/// `web`): operators find a document by its name, and the state pointers, rendered units and
/// evidence all use the name. It is an error, not a warning.
enum NameRules {
    static func check(_ context: SemanticContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let docs = context.documents
        let metas: [(kind: DocumentKind, meta: ObjectMeta, path: String)] =
            docs.pods.map { (.agentPod, $0.metadata, $0.source.path) }
            + docs.bundles.map { (.bundle, $0.metadata, $0.source.path) }
            + docs.profiles.map { (.profile, $0.metadata, $0.source.path) }
            + (docs.fleet.map { [(.fleet, $0.metadata, $0.source.path)] } ?? [])
        var firstPath: [DocumentKind: [String: String]] = [:]
        for (kind, meta, path) in metas.sorted(by: { ByteOrder.precedes($0.path, $1.path) }) {
            if !DNSLabel.isValid(meta.name) {
                out.append(context.diagnostic(
                    "name", file: path, pointer: "/metadata/name",
                    "name '\(meta.name)' is not a DNS-1123 label: \(DNSLabel.rule)"))
            }
            if let expected = SourceLayout.expectedName(at: path), expected != meta.name {
                out.append(context.diagnostic(
                    "file-name", file: path, pointer: "/metadata/name",
                    "name '\(meta.name)' does not match the file name: \(path) must hold the \(kind.rawValue) named '\(expected)' (rename the file or the document)"))
            }
            if let other = firstPath[kind]?[meta.name] {
                out.append(context.diagnostic(
                    "duplicate-name", file: path, pointer: "/metadata/name",
                    "\(kind.rawValue) '\(meta.name)' is already defined in \(other); names must be unique per kind"))
            } else {
                firstPath[kind, default: [:]][meta.name] = path
            }
        }
        for index in docs.pods.indices {  // field by field: no copy of each whole pod
            let path = docs.pods[index].source.path
            out += itemNames(docs.pods[index].spec.containers.map(\.name), what: "container", field: "/spec/containers", in: path, context)
            out += itemNames(docs.pods[index].spec.volumes.map(\.name), what: "volume", field: "/spec/volumes", in: path, context)
        }
        return out
    }

    /// DNS-1123 and uniqueness checks for the `name` of each element of the array at `field`.
    private static func itemNames(
        _ names: [String], what: String, field: String, in path: String, _ context: SemanticContext
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var first: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let pointer = "\(field)/\(index)/name"
            if !DNSLabel.isValid(name) {
                out.append(context.diagnostic(
                    "name", file: path, pointer: pointer, "\(what) name '\(name)' is not a DNS-1123 label: \(DNSLabel.rule)"))
            }
            if let earlier = first[name] {
                out.append(context.diagnostic(
                    "duplicate-name", file: path, pointer: pointer,
                    "\(what) name '\(name)' is already used at \(field)/\(earlier); \(what) names must be unique within a pod"))
            } else {
                first[name] = index
            }
        }
        return out
    }
}
