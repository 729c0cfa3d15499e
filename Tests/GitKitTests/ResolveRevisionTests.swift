import Testing

@testable import GitKit

/// `Repository.resolve` accepts what `git rev-parse` accepts and peels to the commit.
@Suite struct ResolveRevisionTests {
    /// Two commits on main: `first` (tagged `light`, branch `feature`) and `second` (tagged `v2`, annotated).
    private func history() throws -> (sandbox: GitSandbox, first: String, second: String) {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 1}\n")
        let first = try sandbox.commit("first")
        try sandbox.git("tag", "light")
        try sandbox.git("branch", "feature")
        try sandbox.write("desired/agentpods/web.json", "{\"v\": 2}\n")
        let second = try sandbox.commit("second")
        try sandbox.git("tag", "-a", "v2", "-m", "release 2")
        return (sandbox, first, second)
    }

    @Test func branchesRefsAndHEAD() throws {
        let (sandbox, first, second) = try history()
        let repository = try Repository.open(at: sandbox.path)
        #expect(try repository.resolve("main").hex == second)
        #expect(try repository.resolve("refs/heads/main").hex == second)
        #expect(try repository.resolve("feature").hex == first)
        #expect(try repository.resolve("HEAD").hex == second)
        #expect(try repository.resolve("HEAD~1").hex == first)
        #expect(try repository.resolve("main^").hex == first)
    }

    @Test func lightweightAndAnnotatedTagsPeelToTheirCommit() throws {
        let (sandbox, first, second) = try history()
        let repository = try Repository.open(at: sandbox.path)
        let tagObject = try sandbox.git("rev-parse", "v2")
        #expect(tagObject != second, "v2 must be an annotated tag object for this test to mean anything")
        #expect(try repository.resolve("light").hex == first)
        #expect(try repository.resolve("v2").hex == second)
        #expect(try repository.resolve("refs/tags/v2").hex == second)
    }

    @Test func fullAndAbbreviatedCommitIDs() throws {
        let (sandbox, first, second) = try history()
        let repository = try Repository.open(at: sandbox.path)
        #expect(try repository.resolve(second).hex == second)
        #expect(try repository.resolve(second.uppercased()).hex == second)
        #expect(try repository.resolve(String(first.prefix(7))).hex == first)
    }

    @Test func missingRevisionNamesItAndQuotesLibgit2() throws {
        let (sandbox, _, _) = try history()
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) { try repository.resolve("nope") }
        guard case .revisionNotFound(let revision, let failure) = error else {
            Issue.record("expected revisionNotFound, got \(error)")
            return
        }
        #expect(revision == "nope")
        #expect(failure.function == "git_revparse_single")
        #expect(failure.codeName == "GIT_ENOTFOUND")
        #expect(failure.message.contains("nope"))
        #expect(error.description == "revision 'nope' not found: \(failure.message)")
        #expect(!error.isRetryable)
    }

    @Test func treeIsNotACommit() throws {
        let (sandbox, _, _) = try history()
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) { try repository.resolve("HEAD^{tree}") }
        guard case .notACommit(let revision, _) = error else {
            Issue.record("expected notACommit, got \(error)")
            return
        }
        #expect(revision == "HEAD^{tree}")
        #expect(error.description.hasPrefix("revision 'HEAD^{tree}' does not name a commit: "))
    }

    @Test func malformedRevisionIsAnErrorNotACrash() throws {
        let (sandbox, _, _) = try history()
        let repository = try Repository.open(at: sandbox.path)
        for revision in ["main@{", "", "HEAD~x", "a\u{0}b", "main..other"] {
            let error = try #require(throws: GitError.self, "revision \(revision)") {
                try repository.resolve(revision)
            }
            #expect(!error.description.isEmpty)
        }
    }

    @Test func unbornHEADIsNotFound() throws {
        let sandbox = try GitSandbox()
        let repository = try Repository.open(at: sandbox.path)
        let error = try #require(throws: GitError.self) { try repository.resolve("HEAD") }
        #expect(error.description.hasPrefix("revision 'HEAD' not found: "), "\(error)")
    }
}
