import Foundation

/// Runs a closure with file access checked as user `nobody`, even when the tests run as root
/// (where `chmod 000` alone does not stop a read).
///
/// Linux keeps the filesystem user id per thread (`setfsuid(2)`), and dropping it from 0 also
/// drops the capabilities that bypass permission checks, for that thread only. The closure runs
/// on a fresh thread, so the rest of the test process keeps its privileges.
enum Unprivileged {
    private typealias SetFSUID = @convention(c) (UInt32) -> Int32

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "setfsuid") else {
            throw CocoaError(.featureUnsupported)
        }
        let setfsuid = unsafeBitCast(symbol, to: SetFSUID.self)
        let box = ResultBox<T>()
        let thread = Thread {
            let previous = setfsuid(65_534)
            box.set(Result { try body() })
            _ = setfsuid(UInt32(bitPattern: previous))
            box.done.signal()
        }
        thread.start()
        box.done.wait()
        return try box.get()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private var result: Result<T, any Error>?
        func set(_ value: Result<T, any Error>) { result = value }
        func get() throws -> T {
            guard let result else { throw CocoaError(.featureUnsupported) }
            return try result.get()
        }
    }
}
