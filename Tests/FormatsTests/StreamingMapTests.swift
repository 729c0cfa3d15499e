import Foundation
import Formats
import Testing

@Suite("StreamingMap")
struct StreamingMapTests {
    @Test func keepsArrivalOrderAtEveryBatchBoundary() {
        for count in [0, 1, 7, 8, 9, 16, 17, 1_000] {
            let map = StreamingMap(batchSize: 8) { (value: Int) in value * 3 + 1 }
            for value in 0..<count { map.append(value) }
            #expect(map.finish() == (0..<count).map { $0 * 3 + 1 }, "count \(count)")
        }
    }

    @Test func mapsEachElementExactlyOnce() {
        let calls = Counter()
        let map = StreamingMap(batchSize: 3) { (text: String) -> String in
            calls.increment()
            return text + "!"
        }
        let input = (0..<5_000).map { "item-\($0)" }
        for text in input { map.append(text) }
        let output = map.finish()
        #expect(output == input.map { $0 + "!" })
        #expect(calls.value == input.count)
    }

    /// The point of the type: full batches are mapped while the producer is still producing.
    @Test func fullBatchesAreMappedBeforeFinish() {
        let calls = Counter()
        let map = StreamingMap(batchSize: 4) { (value: Int) -> Int in
            calls.increment()
            return value
        }
        for value in 0..<40 { map.append(value) }
        let deadline = Date().addingTimeInterval(10)
        while calls.value < 40, Date() < deadline { usleep(1_000) }
        #expect(calls.value == 40, "the worker maps full batches without waiting for finish()")
        #expect(map.finish() == Array(0..<40))
        #expect(calls.value == 40)
    }
}

/// A call counter shared with the mapping closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
