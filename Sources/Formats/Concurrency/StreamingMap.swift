import Dispatch
import Foundation

/// `map` over elements that arrive one by one from a sequential producer: while the producer
/// goes on, a worker thread maps each batch as soon as it is full; `finish()` maps what is left
/// on every core and returns every result in the order the elements arrived.
///
/// ```swift
/// let rendering = StreamingMap(batchSize: 128) { decision in render(decision) }
/// let decisions = placer.place(pods, stage: stage) { rendering.append($0) }
/// let rendered = rendering.finish()   // rendered[i] belongs to decisions[i]
/// ```
///
/// Placement is sequential (each pod takes capacity from the next), rendering is not: with
/// this, rendering runs on the core placement leaves idle. `append` and `finish` belong to one
/// producer thread; `transform` runs concurrently on different elements, so it must not
/// mutate shared state. Every map must be finished: until then its worker waits for more.
public final class StreamingMap<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let batchSize: Int
    private let transform: @Sendable (Input) -> Output
    /// The batch being filled by the producer (only the producer touches it).
    private var filling: [Input] = []
    private var batchCount = 0

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [(index: Int, inputs: [Input])] = []
    private var queueHead = 0
    private var results: [Int: [Output]] = [:]
    private var closed = false
    private var finished = false

    /// Every batch handed to a mapper, left when its results are stored.
    private let inFlight = DispatchGroup()

    /// - Parameter batchSize: elements per batch; a few hundred microseconds of work each keeps
    ///   the hand-over cheap and the last batch short.
    public init(batchSize: Int, _ transform: @escaping @Sendable (Input) -> Output) {
        precondition(batchSize > 0, "StreamingMap needs a positive batch size")
        self.batchSize = batchSize
        self.transform = transform
        filling.reserveCapacity(batchSize)
        DispatchQueue.global(qos: .userInitiated).async { self.workUntilClosed() }
    }

    /// Adds the next element; a full batch goes to the worker.
    public func append(_ input: Input) {
        precondition(!finished, "StreamingMap.append after finish")
        filling.append(input)
        if filling.count == batchSize { handOver() }
    }

    /// Maps whatever is still queued on every core (the worker keeps helping), waits for every
    /// batch, and returns all results in order. Call once, after the last `append`.
    public func finish() -> [Output] {
        precondition(!finished, "StreamingMap.finish called twice")
        finished = true
        if !filling.isEmpty { handOver() }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        // The worker already drains the queue: other cores join it (on two cores, just this one).
        let helpers = max(ProcessInfo.processInfo.activeProcessorCount - 1, 1)
        DispatchQueue.concurrentPerform(iterations: helpers) { _ in
            while let batch = next(waiting: false) { map(batch) }
        }
        inFlight.wait()
        condition.lock()
        defer { condition.unlock() }
        var out: [Output] = []
        out.reserveCapacity(batchCount * batchSize)
        for index in 0..<batchCount {
            out += results[index] ?? []
        }
        return out
    }

    // MARK: - Batches

    private func handOver() {
        let batch = (index: batchCount, inputs: filling)
        batchCount += 1
        filling = []
        filling.reserveCapacity(batchSize)
        inFlight.enter()
        condition.lock()
        queue.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// The next queued batch; with `waiting`, blocks until one is queued or the map is closed.
    private func next(waiting: Bool) -> (index: Int, inputs: [Input])? {
        condition.lock()
        defer { condition.unlock() }
        while queueHead == queue.count {
            if closed || !waiting { return nil }
            condition.wait()
        }
        let batch = queue[queueHead]
        queue[queueHead].inputs = []
        queueHead += 1
        return batch
    }

    private func map(_ batch: (index: Int, inputs: [Input])) {
        let outputs = batch.inputs.map(transform)
        condition.lock()
        results[batch.index] = outputs
        condition.unlock()
        inFlight.leave()
    }

    private func workUntilClosed() {
        while let batch = next(waiting: true) { map(batch) }
    }
}
