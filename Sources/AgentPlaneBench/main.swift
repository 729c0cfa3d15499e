import Foundation

// agentplane-bench: the benchmarks of `make bench`, printed as tables (figure, comparison,
// ratio, target, PASS/MISS). A report, not a test: it exits 0 even when a figure misses.
//
//   agentplane-bench [--only validate|render|reconcile]... [--pods N] [--nodes N] [--runs N] [--keep]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--touch-memory", arguments.count == 2, let mebibytes = Int(arguments[1]) {
    RSSProbe.touchMemory(mebibytes: mebibytes)
}
if arguments.first == "--render-worker" {
    do {
        try RenderWorker.main(Array(arguments.dropFirst()))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("render worker: \(error)\n".utf8))
        exit(1)
    }
}
exit(BenchMain.run(arguments))
