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

    /// Waits for the work, then lets go of its value on another thread (`BackgroundRelease`);
    /// `wait()` must not be called after.
    func discard() {
        group.wait()
        lock.lock()
        let taken = value.take()
        lock.unlock()
        BackgroundRelease.release(consume taken)
    }
}

/// Lets go of a large value on another thread: freeing 10,000 parse trees object by object
/// takes a tenth of a second the planner need not wait for.
///
/// The value moves into a box that only the other thread empties: were the closure to capture
/// the value itself, the caller's own copy could be the last one let go of (the other thread
/// is often done first when a core is idle), and the caller would free it after all.
/// Callers pass `consume x`, so that no copy of theirs is left.
enum BackgroundRelease {
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }

    static func release<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async {
            box.value = nil
        }
    }
}
