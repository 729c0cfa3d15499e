import Dispatch
import Foundation

/// A stop request (SIGTERM / SIGINT) that loops check between actions and that wakes a sleeping
/// loop at once.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private let wake = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    public func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        lock.unlock()
        if first { wake.signal() }
    }

    /// Sleeps up to `seconds`; returns early (true) when stopped.
    @discardableResult
    public func sleep(_ seconds: Double) -> Bool {
        if isStopped { return true }
        _ = wake.wait(timeout: .now() + max(0, seconds))
        if isStopped {
            wake.signal()
            return true
        }
        return false
    }

    /// Routes SIGTERM and SIGINT to `stop()` instead of killing the process.
    public func installSignalHandlers(queue: DispatchQueue = DispatchQueue(label: "agentplane.signals")) {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.stop() }
            source.resume()
            sources.append(source)
        }
    }
}
