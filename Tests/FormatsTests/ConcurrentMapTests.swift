import Formats
import Testing

@Suite("concurrentMap")
struct ConcurrentMapTests {
    @Test func keepsTheOrderOfTheElementsAtEverySize() {
        for count in [0, 1, 2, 31, 32, 33, 100, 10_007] {
            let input = Array(0..<count)
            #expect(input.concurrentMap { $0 * 3 + 1 } == input.map { $0 * 3 + 1 }, "count \(count)")
        }
    }

    @Test func mapsEachElementExactlyOnce() {
        let input = (0..<5_000).map { "item-\($0)" }
        let output = input.concurrentMap(minimumCount: 2) { $0 + "!" }
        #expect(output.count == input.count)
        #expect(Set(output).count == input.count)
        #expect(output.first == "item-0!")
        #expect(output.last == "item-4999!")
    }
}
