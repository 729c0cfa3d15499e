import Dispatch
import Foundation
import Testing

@testable import GitKit

/// Several writers pushing to one branch of one bare remote at once, each retrying on
/// `pushRejected` after fetching and rebuilding: every commit must land, none overwritten.
@Suite struct ConcurrentPushTests {
    private let author = Commit.Signature(name: "Agent Plane", email: "plane@example.org", time: 1_700_000_000)

    /// One writer's loop: fetch, rebuild on the remote tip, push; retry when rejected or moved.
    private func promote(run: Int, cache: Repository) throws -> Int {
        for attempt in 1...100 {
            try cache.fetch(credentials: .none)
            let tip = try #require(try cache.remoteBranchTip("main"))
            try cache.setBranch("main", to: tip)
            try cache.writeCommit(
                on: "main", parent: tip, files: ["evidence/run-\(run)/manifest.json": Array("{\"run\": \(run)}\n".utf8)],
                message: "run \(run)", author: author)
            do {
                try cache.push(branch: "main", credentials: .none)
                return attempt
            } catch .pushRejected {
                continue
            }
        }
        throw GitError.invalidArgument("run \(run) never landed")
    }

    @Test(arguments: [false, true])
    func everyConcurrentPushLands(fileURL: Bool) throws {
        let remote = try RemoteSandbox()
        try remote.commitAndPush(["desired/a.json": "{}\n"], message: "base")
        let writers = 6
        let paths = (0..<writers).map { remote.path("cache-\($0).git") }
        for path in paths {
            _ = try Repository.clone(url: fileURL ? remote.remoteURL : remote.remotePath, into: path, credentials: .none)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            do {
                let cache = try Repository.open(at: paths[index])
                results.record(index, .success(try promote(run: index, cache: cache)))
            } catch {
                results.record(index, .failure(error))
            }
        }
        for (index, result) in results.all.sorted(by: { $0.key < $1.key }) {
            if case .failure(let error) = result { Issue.record("writer \(index): \(error)") }
        }
        let landed = try remote.remoteGit("log", "--format=%s", "main").split(separator: "\n").map(String.init)
        #expect(Set(landed) == Set((0..<writers).map { "run \($0)" } + ["base"]), "\(landed)")
        #expect(landed.count == writers + 1)
        try remote.remoteGit("fsck", "--strict")
    }

    /// Thread-safe collection of each writer's outcome.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Result<Int, any Error>] = [:]

        func record(_ index: Int, _ result: Result<Int, any Error>) {
            lock.lock()
            values[index] = result
            lock.unlock()
        }

        var all: [Int: Result<Int, any Error>] {
            lock.lock()
            defer { lock.unlock() }
            return values
        }
    }
}
