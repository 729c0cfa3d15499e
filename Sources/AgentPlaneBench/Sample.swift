/// One measured figure: wall seconds, CPU seconds and peak RSS (KiB), the median of repeated runs.
struct Sample {
    var wallSeconds: Double
    var peakRSSKiB: Int
    /// User + system CPU seconds (the median); on a busy machine this moves less than wall time.
    var cpuSeconds: Double = 0
    /// Every run's wall time, in run order (for the spread shown next to the median).
    var runs: [Double] = []

    /// The median wall time, peak RSS and CPU time of `runs`.
    static func median(_ runs: [(wall: Double, rss: Int, cpu: Double)]) -> Sample {
        let walls = runs.map(\.wall).sorted()
        let rss = runs.map(\.rss).sorted()
        let cpu = runs.map(\.cpu).sorted()
        guard !walls.isEmpty else { return Sample(wallSeconds: 0, peakRSSKiB: 0) }
        return Sample(
            wallSeconds: walls[walls.count / 2], peakRSSKiB: rss[rss.count / 2], cpuSeconds: cpu[cpu.count / 2],
            runs: runs.map(\.wall))
    }

    /// The median of `count` runs of a child process; a run that exits with a status outside
    /// `accepted` stops the benchmark with its stderr. `prepare` runs (untimed) before each run.
    static func measure(
        _ child: ChildProcess, count: Int, accepted: Set<Int32> = [0], prepare: () throws -> Void = {}
    ) throws -> Sample {
        var runs: [(wall: Double, rss: Int, cpu: Double)] = []
        for _ in 0..<count {
            try prepare()
            runs.append(try once(child, accepted: accepted))
        }
        return median(runs)
    }

    /// One run of a child process: its wall seconds, peak RSS (KiB) and CPU seconds; a status
    /// outside `accepted` stops the benchmark with its stderr.
    static func once(_ child: ChildProcess, accepted: Set<Int32> = [0]) throws -> (wall: Double, rss: Int, cpu: Double) {
        let run = try child.run()
        guard accepted.contains(run.status) else {
            throw BenchFailure.unexpectedExit(
                command: ([child.program] + child.arguments).joined(separator: " "), status: run.status,
                stderrPath: child.stderrPath)
        }
        return (run.wallSeconds, run.peakRSSKiB, run.cpuSeconds)
    }

    /// "1.23 s wall (0.98 s CPU)" for notes.
    var described: String {
        "\(Units.seconds(wallSeconds)) wall, \(Units.seconds(cpuSeconds)) CPU"
    }
}
