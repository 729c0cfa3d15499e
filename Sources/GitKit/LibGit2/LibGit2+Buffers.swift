import CGit2
import Foundation

/// Passing string lists to libgit2 (`git_strarray`) and copying strings out of `git_buf`.
extension LibGit2 {
    /// Runs `body` with a `git_strarray` holding copies of `strings`, freed afterwards.
    @discardableResult
    static func withStrarray<T>(
        _ strings: [String], _ body: (inout git_strarray) throws(GitError) -> T
    ) throws(GitError) -> T {
        for string in strings { try checkNoNUL(string, what: "'\(string)'") }
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        let count = pointers.count
        return try pointers.withUnsafeMutableBufferPointer { (buffer) throws(GitError) -> T in
            var array = git_strarray(strings: buffer.baseAddress, count: count)
            return try body(&array)
        }
    }

    /// Runs a raw call that fills a `git_buf`, copies it as bytes and disposes of it (`git_buf_dispose`).
    static func buffer(_ function: StaticString, _ body: (inout git_buf) -> Int32) throws(GitError) -> [UInt8] {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try call(function) { body(&buffer) }
        guard let pointer = buffer.ptr, buffer.size > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: buffer.size) {
            Array(UnsafeBufferPointer(start: $0, count: buffer.size))
        }
    }

    /// Like ``buffer(_:_:)``, as UTF-8 text; anything else is ``GitError/invalidUTF8(what:escaped:)``.
    static func bufferString(
        _ function: StaticString, what: @autoclosure () -> String, _ body: (inout git_buf) -> Int32
    ) throws(GitError) -> String {
        let bytes = try buffer(function, body)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(what: what(), escaped: ByteEscaping.escape(bytes))
        }
        return text
    }
}
