import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` so that file permission checks apply even when the tests run as root.
///
/// Root bypasses `chmod 000`. On Linux, `setfsuid(2)` changes only the calling thread's
/// filesystem user id and drops the filesystem capabilities with it, so for the duration of
/// `body` (synchronous, on this thread) `open` and `opendir` see the permissions a normal user
/// would. As a non-root user this simply runs `body`.
func withFilesystemPermissionsEnforced<T>(_ body: () throws -> T) throws -> T {
    guard geteuid() == 0 else { return try body() }
    #if os(Linux)
    typealias SetFSUID = @convention(c) (UInt32) -> Int32
    guard let symbol = dlsym(nil, "setfsuid") else {
        throw UnprivilegedFailure(message: "setfsuid is not available; run `make test` as a non-root user")
    }
    let setfsuid = unsafeBitCast(symbol, to: SetFSUID.self)
    _ = setfsuid(65_534)
    defer { _ = setfsuid(0) }
    return try body()
    #else
    throw UnprivilegedFailure(message: "running as root: permission checks cannot be tested here; run `make test` as a non-root user")
    #endif
}

struct UnprivilegedFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
