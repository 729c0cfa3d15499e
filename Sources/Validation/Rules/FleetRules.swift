import PlaneModel

/// The fleet's own consistency: stages are unique DNS-1123 labels (they name
/// `state/pointers/stages/<stage>.json`), and node names are unique DNS-1123 labels (they name
/// `state/pointers/nodes/<node>.json`). A node's stage and profiles are checked by
/// `ReferenceRules`.
enum FleetRules {
    static func check(_ context: SemanticContext) -> [Diagnostic] {
        guard let fleet = context.documents.fleet else { return [] }
        let path = fleet.source.path
        var out: [Diagnostic] = []
        var firstStage: [String: Int] = [:]
        for (index, stage) in fleet.stages.enumerated() {
            let pointer = "/spec/stages/\(index)"
            if !DNSLabel.isValid(stage) {
                out.append(context.diagnostic(
                    "name", file: path, pointer: pointer, "stage name '\(stage)' is not a DNS-1123 label: \(DNSLabel.rule)"))
            }
            if let earlier = firstStage[stage] {
                out.append(context.diagnostic(
                    "duplicate-name", file: path, pointer: pointer,
                    "stage '\(stage)' is already listed at /spec/stages/\(earlier); stages must be unique"))
            } else {
                firstStage[stage] = index
            }
        }
        var firstNode: [String: Int] = [:]
        for (index, node) in fleet.nodes.enumerated() {
            let pointer = "/spec/nodes/\(index)/name"
            if !DNSLabel.isValid(node.name) {
                out.append(context.diagnostic(
                    "name", file: path, pointer: pointer, "node name '\(node.name)' is not a DNS-1123 label: \(DNSLabel.rule)"))
            }
            if let earlier = firstNode[node.name] {
                out.append(context.diagnostic(
                    "duplicate-name", file: path, pointer: pointer,
                    "node name '\(node.name)' is already used at /spec/nodes/\(earlier); node names must be unique"))
            } else {
                firstNode[node.name] = index
            }
        }
        return out
    }
}
