import PlaneModel

/// The nodes of a placement loss group as a reader sees them: `dev-a`, or
/// `node-0000..node-0499, node-0501 (501 nodes)`, long lists cut after a few runs.
public enum LossText {
    /// How many runs are named before the rest are counted.
    public static let shownRuns = 6

    public static func nodes(_ loss: PlacementDecision.Loss) -> String {
        var text = loss.runs.prefix(shownRuns).map(\.text).joined(separator: ", ")
        if loss.runs.count > shownRuns {
            text += ", and \(loss.runs.count - shownRuns) more runs"
        }
        if loss.count > 1 { text += " (\(loss.count) nodes)" }
        return text
    }
}
