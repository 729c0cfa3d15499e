import Testing

@testable import GitKit

/// What a user reads from a `GitError`, and which failures are worth retrying.
@Suite struct GitErrorTests {
    private func failure(code: Int32, errorClass: Int32, message: String = "boom") -> GitCallFailure {
        GitCallFailure(function: "git_remote_fetch", code: code, errorClass: errorClass, message: message)
    }

    @Test func aFailureNamesTheFunctionCodeAndClass() {
        let notFound = failure(code: -3, errorClass: 4, message: "reference 'refs/heads/x' not found")
        #expect(notFound.codeName == "GIT_ENOTFOUND")
        #expect(notFound.className == "reference")
        #expect(notFound.isNotFound)
        #expect(notFound.description
            == "git_remote_fetch: reference 'refs/heads/x' not found (GIT_ENOTFOUND, class reference)")
        #expect(failure(code: -99, errorClass: 99).description == "git_remote_fetch: boom (GIT_ERROR(-99), class class 99)")
    }

    @Test func networkFailuresAreRetryableAuthAndInputAreNot() {
        #expect(GitError.library(failure(code: -1, errorClass: 12)).isRetryable)  // net
        #expect(GitError.library(failure(code: -1, errorClass: 16)).isRetryable)  // ssl
        #expect(GitError.library(failure(code: -1, errorClass: 23)).isRetryable)  // ssh
        #expect(GitError.library(failure(code: -1, errorClass: 34)).isRetryable)  // http
        #expect(GitError.library(failure(code: -14, errorClass: 2)).isRetryable)  // lock file
        #expect(!GitError.library(failure(code: -16, errorClass: 34)).isRetryable)  // auth
        #expect(!GitError.library(failure(code: -17, errorClass: 16)).isRetryable)  // certificate
        #expect(!GitError.library(failure(code: -1, errorClass: 5)).isRetryable)  // zlib: corrupt
        #expect(!GitError.revisionNotFound("x", failure(code: -3, errorClass: 4)).isRetryable)
        #expect(!GitError.invalidUTF8(what: "name", escaped: "\\xff").isRetryable)
    }
}
