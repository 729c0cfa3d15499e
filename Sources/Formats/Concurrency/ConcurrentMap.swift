import Dispatch
import Foundation

extension RandomAccessCollection where Index == Int, Self: Sendable {
    /// `map` on every core: the results keep the order of the elements. Inputs smaller than
    /// `minimumCount` are mapped on the calling thread, where starting workers would cost more
    /// than it saves.
    ///
    /// `transform` runs concurrently on different elements, so it must not mutate shared state.
    ///
    /// Inlinable, so each caller gets a copy specialised to its element type (an unspecialised
    /// generic reads every element through witness tables).
    @inlinable
    public func concurrentMap<T: Sendable>(minimumCount: Int = 32, _ transform: @Sendable (Element) -> T) -> [T] {
        let total = count
        if total < Swift.max(minimumCount, 2) { return map(transform) }
        // A few chunks per core, so an uneven chunk does not leave a core idle at the end.
        let chunks = Swift.min(total, 8 * Swift.max(ProcessInfo.processInfo.activeProcessorCount, 1))
        let first = startIndex
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let address = buffer.baseAddress else { return }
            let base = SlotBase(address)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lower = total * chunk / chunks
                let upper = total * (chunk + 1) / chunks
                for offset in lower..<upper {
                    // Each slot is written exactly once, by the one worker that owns its chunk.
                    (base.address + offset).initialize(to: transform(self[first + offset]))
                }
            }
            initialized = total
        }
    }
}

/// The result buffer's start, handed to the workers: each writes only the slots of its chunk.
@usableFromInline
struct SlotBase<T>: @unchecked Sendable {
    @usableFromInline let address: UnsafeMutablePointer<T>

    @usableFromInline
    init(_ address: UnsafeMutablePointer<T>) {
        self.address = address
    }
}
