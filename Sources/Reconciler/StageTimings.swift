import Dispatch

/// How long each stage of planning took (wall time), in the order they ran: what
/// `reconcile --dry-run --timings` prints and the benchmark breaks its figure down with.
public struct StageTimings: Hashable, Sendable {
    /// One finished stage.
    public struct Entry: Hashable, Sendable {
        public var stage: String
        public var seconds: Double
    }

    public private(set) var entries: [Entry] = []
    private var last: UInt64

    /// Starts the clock.
    public init() {
        last = DispatchTime.now().uptimeNanoseconds
    }

    /// Ends `stage`: the time since the previous mark (or the start) is its duration. A stage
    /// marked again (one per promotion stage) adds up.
    public mutating func mark(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(now &- last) / 1e9
        last = now
        if let at = entries.firstIndex(where: { $0.stage == stage }) {
            entries[at].seconds += seconds
        } else {
            entries.append(Entry(stage: stage, seconds: seconds))
        }
    }

    /// `load 0.512 s, observe 0.201 s, …`.
    public var text: String {
        entries.map { entry in
            let milliseconds = (entry.seconds * 1000).rounded()
            return "\(entry.stage) \(Int(milliseconds)) ms"
        }.joined(separator: ", ")
    }
}

extension StageTimings {
    /// Adds the time since `clock` started as one more stage.
    public mutating func append(_ clock: StageTimings, as stage: String) {
        var clock = clock
        clock.mark(stage)
        entries += clock.entries
    }
}
