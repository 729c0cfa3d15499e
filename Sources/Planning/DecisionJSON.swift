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
            ("candidates", .array(of: d.candidates.map { c in
                .object([
                    ("node", .string(c.node)), ("eligible", .bool(c.eligible)),
                    ("rejections", .array(of: c.rejections.map(JSONValue.string))), ("score", .number(c.score)),
                    ("scoreNotes", .array(of: c.scoreNotes.map(JSONValue.string))),
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
        var candidates: [PlacementDecision.Candidate] = []
        for c in try r.array("candidates") {
            candidates.append(.init(
                node: try c.string("node"), rejections: try c.strings("rejections"), score: try c.int("score"),
                scoreNotes: try c.strings("scoreNotes")))
        }
        return PlacementDecision(pod: try r.string("pod"), stage: try r.string("stage"), node: try r.optionalString("node"), candidates: candidates)
    }
}
