import DesiredState
import Formats
import PlaneModel

/// The semantic rules, run in a fixed order over the documents that loaded cleanly.
///
/// Each rule is a pure function of a `SemanticContext` to diagnostics; rules are independent,
/// so every error of a run is reported, not just the first.
public enum SemanticRules {
    /// One rule: a name for tests and docs, and the check.
    public typealias Rule = @Sendable (SemanticContext) -> [Diagnostic]

    /// Every rule, in the order they run (the report is sorted afterwards anyway).
    public static let all: [(name: String, check: Rule)] = acrossDocuments + perDocument

    /// Rules that relate documents to each other (names, references, cycles, ports, the fleet).
    static let acrossDocuments: [(name: String, check: Rule)] = [
        ("names", NameRules.check),
        ("references", ReferenceRules.check),
        ("bundle-policy", BundlePolicyRules.check),
        ("dependency-cycles", DependencyCycleRule.check),
        ("host-ports", HostPortRule.check),
        ("fleet", FleetRules.check),
        ("volumes", VolumeRules.check),
    ]

    /// Rules that look at one document at a time. The validator runs them in its per-file
    /// stage on a context of that document alone, on every core while the document's parse
    /// tree is still in cache (10,000 pods: walking every string for control characters was
    /// the largest rule, and on its own it kept one core busy after the other had finished).
    static let perDocument: [(name: String, check: Rule)] = [
        ("secret-literals", SecretLiteralRule.check),
        ("control-characters", ControlCharacterRule.check),
    ]

    /// Runs every rule and returns their diagnostics, sorted.
    public static func check(_ context: SemanticContext) -> [Diagnostic] {
        (checkAcrossDocuments(context) + perDocument.flatMap { $0.check(context) }).sorted()
    }

    /// Runs the rules that relate documents, on all cores (they are independent), sorted.
    static func checkAcrossDocuments(_ context: SemanticContext) -> [Diagnostic] {
        acrossDocuments.concurrentMap(minimumCount: 2) { $0.check(context) }.flatMap { $0 }.sorted()
    }

    /// Runs the per-document rules on one document, its parse tree and its text (`bytes`).
    static func checkDocument(_ document: DecodedDocument, node: JSONNode, path: String, bytes: [UInt8]) -> [Diagnostic] {
        var documents = DesiredDocuments()
        documents.insert(document)
        let context = SemanticContext(documents: documents, nodes: [path: node], texts: [path: bytes])
        return perDocument.flatMap { $0.check(context) }
    }
}
