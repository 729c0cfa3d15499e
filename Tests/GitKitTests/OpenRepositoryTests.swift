import Foundation
import Testing

@testable import GitKit

/// Opening work trees, subdirectories and bare repositories; creating repositories.
@Suite struct OpenRepositoryTests {
    private func real(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    @Test func opensAWorkTree() throws {
        let sandbox = try GitSandbox()
        let repository = try Repository.open(at: sandbox.path)
        #expect(!repository.isBare)
        #expect(real(try #require(repository.workTree)) == real(sandbox.path))
        #expect(real(repository.gitDirectory) == real(sandbox.path + "/.git"))
    }

    @Test func discoversTheRepositoryFromASubdirectory() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("desired/agentpods/web.json", "{}\n")
        let first = try sandbox.commit("first")
        let repository = try Repository.open(at: sandbox.path + "/desired/agentpods")
        #expect(real(repository.gitDirectory) == real(sandbox.path + "/.git"))
        #expect(try repository.resolve("HEAD").hex == first)
    }

    @Test func opensABareRepository() throws {
        let source = try GitSandbox()
        try source.write("fleet/inventory.json", "{}\n")
        let head = try source.commit("first")
        let barePath = source.root.appendingPathComponent("clone.git").path
        try source.git("clone", "-q", "--bare", source.path, barePath)
        let repository = try Repository.open(at: barePath)
        #expect(repository.isBare)
        #expect(repository.workTree == nil)
        #expect(try repository.resolve("main").hex == head)
    }

    @Test func aPathOutsideAnyRepositoryIsNotARepository() throws {
        let sandbox = try GitSandbox()
        let outside = sandbox.root.appendingPathComponent("home").path
        let error = try #require(throws: GitError.self) { try Repository.open(at: outside) }
        guard case .notARepository(let path, let failure) = error else {
            Issue.record("expected notARepository, got \(error)")
            return
        }
        #expect(path == outside)
        #expect(failure.function == "git_repository_open_ext")
        #expect(error.description.hasPrefix("'\(outside)' is not a git repository"))
        #expect(error.description.hasSuffix(failure.message))
    }

    @Test func aMissingPathIsNotARepository() throws {
        let sandbox = try GitSandbox()
        let missing = sandbox.root.appendingPathComponent("does/not/exist").path
        let error = try #require(throws: GitError.self) { try Repository.open(at: missing) }
        #expect(error.description.hasPrefix("'\(missing)' is not a git repository"), "\(error)")
    }

    @Test func initializesAWorkTreeThatGitAccepts() throws {
        let sandbox = try GitSandbox()
        let path = sandbox.root.appendingPathComponent("made/by/gitkit").path
        let repository = try Repository.initialize(at: path)
        #expect(!repository.isBare)
        #expect(try sandbox.git(["rev-parse", "--is-inside-work-tree"], in: path) == "true")
        #expect(try sandbox.git(["symbolic-ref", "HEAD"], in: path) == "refs/heads/main")
    }

    @Test func initializesABareRepositoryWithAChosenBranch() throws {
        let sandbox = try GitSandbox()
        let path = sandbox.root.appendingPathComponent("remote.git").path
        let repository = try Repository.initialize(at: path, bare: true, initialBranch: "trunk")
        #expect(repository.isBare)
        #expect(try sandbox.git(["rev-parse", "--is-bare-repository"], in: path) == "true")
        #expect(try sandbox.git(["symbolic-ref", "HEAD"], in: path) == "refs/heads/trunk")
        #expect(try Repository.open(at: path).isBare)
    }
}
