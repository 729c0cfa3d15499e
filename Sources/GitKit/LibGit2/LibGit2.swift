import CGit2
import Foundation

/// The process-wide libgit2 runtime: one-time initialisation and the checker every raw call uses.
///
/// Every call into libgit2 from GitKit goes through ``call(_:_:)`` or ``make(_:_:)``, so a
/// failure always becomes a ``GitError`` carrying the return code, `git_error_last()`'s class
/// and message, and the name of the C function.
enum LibGit2 {
    /// The result of `git_libgit2_init`; Swift runs a static initialiser exactly once, thread-safely.
    private static let initialisation: Int32 = git_libgit2_init()

    /// Initialises libgit2 on first use (`git_libgit2_init`); later calls do nothing.
    static func initialise() throws(GitError) {
        let code = initialisation
        if code < 0 {
            throw .library(GitCallFailure(
                function: "git_libgit2_init", code: code, errorClass: 0,
                message: "libgit2 could not be initialised"))
        }
    }

    /// Runs one raw libgit2 call and turns a negative return code into `GitError.library`.
    ///
    /// The thread's last error is cleared first, so a message never belongs to an earlier call.
    /// - Returns: the non-negative return code (some functions return a count or a boolean).
    @discardableResult
    static func call(_ function: StaticString, _ body: () -> Int32) throws(GitError) -> Int32 {
        git_error_clear()
        let code = body()
        guard code >= 0 else { throw .library(lastFailure(function, code: code)) }
        return code
    }

    /// Runs a raw call that produces a new handle through an out-pointer and returns the handle.
    ///
    /// The caller must wrap the result in its owning class at once, so nothing can leak.
    static func make<Pointer>(
        _ function: StaticString, _ body: (inout Pointer?) -> Int32
    ) throws(GitError) -> Pointer {
        var out: Pointer?
        try call(function) { body(&out) }
        guard let out else {
            throw .library(GitCallFailure(
                function: "\(function)", code: GIT_ERROR.rawValue, errorClass: 0,
                message: "returned success without an object"))
        }
        return out
    }

    /// Rejects strings that C would silently truncate at an embedded NUL.
    static func checkNoNUL(_ value: String, what: String) throws(GitError) {
        if value.utf8.contains(0) {
            throw .invalidArgument("\(what) contains a NUL byte: \(ByteEscaping.escape(Array(value.utf8)))")
        }
    }

    /// Copies a borrowed NUL-terminated C string, failing on invalid UTF-8 instead of crashing.
    static func string(_ pointer: UnsafePointer<CChar>?, what: @autoclosure () -> String) throws(GitError) -> String {
        guard let pointer else { return "" }
        let bytes = bytes(pointer)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(what: what(), escaped: ByteEscaping.escape(bytes))
        }
        return text
    }

    /// Copies the bytes of a borrowed NUL-terminated C string.
    static func bytes(_ pointer: UnsafePointer<CChar>) -> [UInt8] {
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Reads `git_error_last()` right after a failed call.
    private static func lastFailure(_ function: StaticString, code: Int32) -> GitCallFailure {
        var message = "no message from libgit2"
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            if let text = last.pointee.message {
                message = String(decoding: bytes(text), as: UTF8.self)
            }
        }
        git_error_clear()
        return GitCallFailure(function: "\(function)", code: code, errorClass: errorClass, message: message)
    }
}
