import Formats
import PlaneModel

/// JSON forms of admission and placement decisions, used in plans and evidence.
public enum DecisionJSON {
    public static func activation(_ d: ActivationDecision) -> JSONValue {
        .object([
            ("pod", .string(d.pod)), ("profile", .string(d.profile)), ("bundle", .string(d.bundle)),
            ("allowed", .bool(d.allowed)),
            ("denials", .array(of: d.denials.map { denial in
                .object([("rule", .string(denial.rule)), ("pointer", .string(denial.pointer)), ("message", .string(denial.message))])
            })),
        ])
    }

    public static func placement(_ d: PlacementDecision) -> JSONValue {
        .object([
            ("pod", .string(d.pod)), ("stage", .string(d.stage)), ("node", PlanJSON.optional(d.node)),
            ("score", .number(d.score)), ("scoreNotes", .array(of: d.scoreNotes.map(JSONValue.string))),
            ("losers", .array(of: d.losers.map { loss in
                .object([
                    ("reason", .string(loss.reason)), ("count", .number(loss.count)),
                    ("nodes", .array(of: loss.runs.map { JSONValue.string($0.text) })),
                ])
            })),
        ])
    }

    static func activation(_ r: PlanReader) throws(PlanDecodingError) -> ActivationDecision {
        var denials: [ActivationDecision.Denial] = []
        for d in try r.array("denials") {
            denials.append(.init(rule: try d.string("rule"), pointer: try d.string("pointer"), message: try d.string("message")))
        }
        return ActivationDecision(pod: try r.string("pod"), profile: try r.string("profile"), bundle: try r.string("bundle"), denials: denials)
    }

    static func placement(_ r: PlanReader) throws(PlanDecodingError) -> PlacementDecision {
        var losers: [PlacementDecision.Loss] = []
        for loss in try r.array("losers") {
            losers.append(.init(
                reason: try loss.string("reason"), runs: try loss.strings("nodes").map(PlacementDecision.NodeRun.init(text:)),
                count: try loss.int("count")))
        }
        return PlacementDecision(
            pod: try r.string("pod"), stage: try r.string("stage"), node: try r.optionalString("node"), score: try r.int("score"),
            scoreNotes: try r.strings("scoreNotes"), losers: losers)
    }
}
