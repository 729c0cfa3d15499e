import DesiredState
import Formats
import Foundation
import PlaneModel

/// Reads a generated tree's documents straight into typed values (JSON reader + decoder, no
/// schema pass: the validate benchmark already proved the tree valid), so a worker's memory is
/// the typed documents and not every parsed JSON tree.
enum DocumentLoader {
    static func load(root: String) throws -> DesiredDocuments {
        var documents = DesiredDocuments()
        let manager = FileManager.default
        for (folder, kind) in [
            ("desired/agentpods", DocumentKind.agentPod), ("desired/bundles", .bundle), ("desired/profiles", .profile),
        ] {
            let names = try manager.contentsOfDirectory(atPath: root + "/" + folder).filter { $0.hasSuffix(".json") }.sorted()
            for name in names {
                let path = folder + "/" + name
                switch try decode(root: root, path: path, kind: kind) {
                case .agentPod(let pod): documents.pods.append(pod)
                case .bundle(let bundle): documents.bundles.append(bundle)
                case .profile(let profile): documents.profiles.append(profile)
                case .fleet(let fleet): documents.fleet = fleet
                }
            }
        }
        if case .fleet(let fleet) = try decode(root: root, path: "fleet/inventory.json", kind: .fleet) {
            documents.fleet = fleet
        }
        return documents
    }

    private static func decode(root: String, path: String, kind: DocumentKind) throws -> DecodedDocument {
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw BenchFailure.setup("cannot read \(root)/\(path)")
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(Array(data))
        } catch {
            throw BenchFailure.setup("\(path): \(error.message)")
        }
        switch DocumentDecoder.decode(node, path: path, expecting: kind) {
        case .success(let document): return document
        case .failure(let failure): throw BenchFailure.setup(failure.diagnostics.map(\.formatted).joined(separator: "\n"))
        }
    }
}
