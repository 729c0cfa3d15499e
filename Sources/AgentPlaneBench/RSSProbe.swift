import Foundation

/// `busybox time -f %M -o FILE`, calibrated: where the peak RSS of a child comes from.
///
/// BusyBox 1.35's `time` multiplies `ru_maxrss` (already KiB on Linux) by the page size in KiB,
/// as GNU time 1.7 did; other builds may not. So at start the probe measures a child that
/// touches exactly 256 MiB (`agentplane-bench --touch-memory 256`) and keeps the factor, 1 or
/// the page size in KiB, that brings the report nearest to 256 MiB.
struct RSSProbe {
    /// The probe every `ChildProcess` uses; nil (no busybox) falls back to our own `wait4`,
    /// whose figure includes this process's size (the report says so).
    nonisolated(unsafe) static var shared: RSSProbe?

    var busybox: String
    var divisor: Int
    var folder: String

    /// The report file of the next run.
    func reportPath() -> String { folder + "/rss-probe.txt" }

    /// The peak RSS (KiB) the probe wrote, corrected.
    func read(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
        else { return nil }
        return value / divisor
    }

    /// Finds busybox and calibrates it against a child of known size; nil when either fails.
    static func calibrate(benchExecutable: String, folder: String) -> (probe: RSSProbe?, note: String) {
        guard let busybox = BenchContext.onPath("busybox") else {
            return (
                nil,
                "busybox is not on PATH (install busybox-static): child peak RSS comes from wait4 and includes "
                    + "this process's own size"
            )
        }
        let mebibytes = 256
        let expected = mebibytes * 1024
        var probe = RSSProbe(busybox: busybox, divisor: 1, folder: folder)
        let launcher = ChildProcess(program: busybox, arguments: [])
        let arguments = ["time", "-f", "%M", "-o", probe.reportPath(), benchExecutable, "--touch-memory", String(mebibytes)]
        guard let run = try? launcher.spawnAndWait(busybox, arguments),
            run.status == 0, let reported = probe.read(probe.reportPath())
        else {
            return (
                nil, "busybox time could not be calibrated: child peak RSS comes from wait4 and includes this process's own size"
            )
        }
        let pageKiB = max(1, Int(sysconf(Int32(_SC_PAGESIZE))) / 1024)
        let candidates = Set([1, pageKiB])
        probe.divisor = candidates.min { abs(reported / $0 - expected) < abs(reported / $1 - expected) } ?? 1
        let measured = reported / probe.divisor
        return (
            probe,
            "child peak RSS from `busybox time` (its ru_maxrss, divided by \(probe.divisor)); calibration: a child "
                + "touching \(mebibytes) MiB measured \(Units.megabytes(kib: measured))"
        )
    }

    /// The calibration child: touches `mebibytes` MiB, one write per page, reads every page
    /// back and prints the sum (so the optimiser cannot drop the writes), and exits.
    static func touchMemory(mebibytes: Int) {
        let size = mebibytes * 1024 * 1024
        guard let block = malloc(size) else { exit(1) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var offset = 0
        while offset < size {
            block.storeBytes(of: UInt8(truncatingIfNeeded: offset / page), toByteOffset: offset, as: UInt8.self)
            offset += page
        }
        var sum = 0
        offset = 0
        while offset < size {
            sum &+= Int(block.load(fromByteOffset: offset, as: UInt8.self))
            offset += page
        }
        print(sum)
        free(block)
        exit(0)
    }
}
