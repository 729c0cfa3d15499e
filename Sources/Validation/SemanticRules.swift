import Dispatch
import Foundation
import PlaneModel

/// The semantic rules, run in a fixed order over the documents that loaded cleanly.
///
/// Each rule is a pure function of a `SemanticContext` to diagnostics; rules are independent,
/// so every error of a run is reported, not just the first.
public enum SemanticRules {
    /// One rule: a name for tests and docs, and the check.
    public typealias Rule = @Sendable (SemanticContext) -> [Diagnostic]

    /// Every rule, in the order they run (the report is sorted afterwards anyway).
    public static let all: [(name: String, check: Rule)] = [
        ("names", NameRules.check),
        ("references", ReferenceRules.check),
        ("bundle-policy", BundlePolicyRules.check),
        ("dependency-cycles", DependencyCycleRule.check),
        ("secret-literals", SecretLiteralRule.check),
        ("control-characters", ControlCharacterRule.check),
        ("host-ports", HostPortRule.check),
        ("fleet", FleetRules.check),
        ("volumes", VolumeRules.check),
    ]

    /// Runs every rule and returns their diagnostics, sorted.
    ///
    /// The rules are independent, so they run on all cores (10,000 pods: a fifth of validate's
    /// time was these rules, one after another); the sort keeps the output deterministic.
    public static func check(_ context: SemanticContext) -> [Diagnostic] {
        let results = RuleResults(count: all.count)
        DispatchQueue.concurrentPerform(iterations: all.count) { index in
            results.set(index, all[index].check(context))
        }
        return results.all.sorted()
    }
}

/// One slot per rule, written from the rule's thread, read when every rule is done.
private final class RuleResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Diagnostic]]

    init(count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func set(_ index: Int, _ diagnostics: [Diagnostic]) {
        lock.lock()
        slots[index] = diagnostics
        lock.unlock()
    }

    var all: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
