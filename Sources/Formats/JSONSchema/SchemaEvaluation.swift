/// The mutable state of one validation: the mode, the instance path, the dynamic scope and the
/// violations found so far.
struct SchemaEvaluation {
    /// When false (the first, fast pass) evaluation stops at the first failure and builds no
    /// messages; when true it reports every violation.
    var report: Bool
    /// The path from the instance root to the current value; kept only when reporting.
    var path: [PathToken] = []
    /// How many schemas deep evaluation is (guards against runaway `$dynamicRef` recursion).
    var depth = 0
    /// The schema resources entered, outermost first, for `$dynamicRef`.
    var scope: [Int] = []
    var violations: [PendingViolation] = []

    /// Most nested schema evaluations allowed.
    static let depthLimit = 1_000
    /// Most stack evaluation may use, in bytes: well inside the 512 KiB of a macOS secondary
    /// thread, with room for the caller. A release build uses about 0.7 KiB per nested schema
    /// (a `$ref`-recursive schema gets through 200+ levels of instance nesting); a debug build
    /// about six times as much.
    static let stackBudget = 320 * 1024

    /// Address of the stack when validation started.
    private let stackBase: Int

    init(report: Bool) {
        self.report = report
        self.stackBase = Self.stackAddress()
    }

    /// True when evaluation must not go deeper: too many nested schemas or too much stack.
    var isTooDeep: Bool {
        depth >= Self.depthLimit || stackBase - Self.stackAddress() > Self.stackBudget
    }

    /// The address of a local variable of the caller's frame (stacks grow downwards).
    @inline(__always)
    private static func stackAddress() -> Int {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { Int(bitPattern: $0) }
    }

    /// One step of an instance path.
    enum PathToken {
        case key(String)
        case index(Int)
    }

    /// The instance pointer of the current value, plus an optional extra step.
    func pointer(appending extra: PathToken? = nil) -> String {
        var text = ""
        for token in path { Self.append(token, to: &text) }
        if let extra { Self.append(extra, to: &text) }
        return text
    }

    private static func append(_ token: PathToken, to text: inout String) {
        switch token {
        case .key(let key): text += "/" + JSONPointer.escape(key)
        case .index(let i): text += "/" + String(i)
        }
    }

    /// Records a violation at the current value (or at `extra` below it, e.g. a property key).
    mutating func fail(
        at position: TextPosition, extra: PathToken? = nil, keywordLocation: String, message: String,
        kind: PendingViolation.Kind = .other
    ) {
        guard report else { return }
        violations.append(
            PendingViolation(
                violation: SchemaViolation(
                    instancePointer: pointer(appending: extra), position: position, keywordLocation: keywordLocation,
                    message: message),
                depth: path.count + (extra == nil ? 0 : 1), kind: kind))
    }
}

/// A violation with what the `anyOf`/`oneOf` explanation needs to pick the useful branch.
struct PendingViolation {
    /// What kind of check failed, when that can identify a discriminator.
    enum Kind {
        case other
        /// A `type` check: the types the schema wanted.
        case type(SchemaTypes)
        /// A `const`/`enum` check: the values the schema allowed.
        case values([JSONValue])
        /// The schema `false`.
        case falseSchema
    }

    var violation: SchemaViolation
    /// Instance depth of the offending value (0 = root).
    var depth: Int
    var kind: Kind
}

/// Which properties and items of the current value in-place subschemas evaluated, for
/// `unevaluatedProperties` and `unevaluatedItems`. Collected only when a schema needs it.
struct SchemaAnnotations {
    var allProperties = false
    var properties: [String] = []
    var allItems = false
    /// Items `0..<prefixItems` were evaluated.
    var prefixItems = 0
    /// Items matched by `contains`.
    var containsIndices: [Int] = []

    mutating func merge(_ other: SchemaAnnotations) {
        allProperties = allProperties || other.allProperties
        if !allProperties { properties.append(contentsOf: other.properties) }
        allItems = allItems || other.allItems
        prefixItems = max(prefixItems, other.prefixItems)
        if !allItems { containsIndices.append(contentsOf: other.containsIndices) }
    }

    func evaluated(property key: String) -> Bool { allProperties || properties.contains(key) }

    func evaluated(item index: Int) -> Bool {
        allItems || index < prefixItems || containsIndices.contains(index)
    }
}
