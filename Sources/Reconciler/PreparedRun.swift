/// What `PlanBuilder.prepare` found: the target, each stage's revision, the fleet facts, the node
/// filter, the fast-path records and the run key.
struct PreparedRun {
    var target: RevisionSource
    var stages: [(stage: String, source: RevisionSource?)]
    var fleet: FastPathFleet
    var filter: [String]
    var cache: FastPathCache
    var key: String
}
