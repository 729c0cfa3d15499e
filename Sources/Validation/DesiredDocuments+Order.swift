import Formats
import PlaneModel

extension DesiredDocuments {
    /// Sorts each kind's documents by source path (byte order), so output never depends on the
    /// order files were read or checked in.
    mutating func sortByPath() {
        pods.sort { ByteOrder.precedes($0.source.path, $1.source.path) }
        bundles.sort { ByteOrder.precedes($0.source.path, $1.source.path) }
        profiles.sort { ByteOrder.precedes($0.source.path, $1.source.path) }
    }

    /// Every document's kind, `metadata.name` and source path.
    var namesAndPaths: [(kind: DocumentKind, name: String, path: String)] {
        pods.map { (.agentPod, $0.name, $0.source.path) } + bundles.map { (.bundle, $0.name, $0.source.path) }
            + profiles.map { (.profile, $0.name, $0.source.path) }
            + (fleet.map { [(.fleet, $0.metadata.name, $0.source.path)] } ?? [])
    }
}
