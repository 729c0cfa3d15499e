import Dispatch
import Foundation

/// Work started on another thread now, its value collected later: the planner observes nodes
/// (mostly waiting on the file system or a runtime) while it admits, places and renders.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let result = work()
            self.lock.lock()
            self.value = result
            self.lock.unlock()
            self.group.leave()
        }
    }

    /// Blocks until the work is done, then returns its value (every call the same one).
    func wait() -> Value {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        guard let value else { preconditionFailure("background work finished without a value") }
        return value
    }
}

/// Lets go of a large value on another thread: freeing 10,000 parse trees object by object
/// takes a tenth of a second the planner need not wait for.
enum BackgroundRelease {
    static func release<Value: Sendable>(_ value: Value) {
        DispatchQueue.global(qos: .utility).async {
            withExtendedLifetime(value) {}
        }
    }
}
