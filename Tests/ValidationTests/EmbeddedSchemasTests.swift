import Foundation
import PlaneModel
import Testing
import Validation

/// The schemas compiled into the binary are exactly the files in schemas/, and each compiles.
@Suite struct EmbeddedSchemasTests {
    static let schemasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas")

    @Test func embeddedTextEqualsSchemasByteForByte() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.schemasDirectory.path)
            .filter { $0.hasSuffix(".schema.json") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let hint = "EmbeddedSchemas.swift is stale: run `make schemas` (sh Sources/Validation/embed-schemas.sh) and commit it"
        #expect(EmbeddedSchemas.files.map(\.name) == names, "\(hint)")
        for name in names {
            let onDisk = try Data(contentsOf: Self.schemasDirectory.appendingPathComponent(name))
            let embedded = EmbeddedSchemas.files.first { $0.name == name }?.text
            #expect(embedded.map { Array($0.utf8) } == Array(onDisk), "\(name) differs: \(hint)")
        }
    }

    @Test(arguments: DocumentKind.allCases)
    func schemaOfEveryKindCompiles(kind: DocumentKind) {
        switch SchemaCatalog.schema(for: kind) {
        case .success: break
        case .failure(let error): Issue.record("\(error)")
        }
    }
}
