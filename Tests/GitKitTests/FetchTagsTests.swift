import Foundation
import Testing

@testable import GitKit

/// How `fetch` treats tags: new ones arrive, moved ones follow the remote, deleted ones stay.
@Suite struct FetchTagsTests {
    @Test func tagsFollowTheRemoteButAreNeverPruned() throws {
        let remote = try RemoteSandbox()
        let first = try remote.commitAndPush(["a.txt": "1\n"], message: "first")
        try remote.upstream.git("tag", "v1")
        try remote.upstream.git("tag", "old")
        try remote.upstream.git("push", "-q", "origin", "v1", "old")
        let cache = try Repository.clone(url: remote.remoteURL, into: remote.path("cache.git"), credentials: .none)
        #expect(try cache.resolve("v1", fetchedFrom: "origin") == first)

        let second = try remote.commitAndPush(["a.txt": "2\n"], message: "second")
        try remote.upstream.git("tag", "-f", "v1", second.hex)
        try remote.upstream.git("push", "-q", "-f", "origin", "v1")
        try remote.upstream.git("push", "-q", "origin", ":refs/tags/old")
        try cache.fetch(credentials: .none)

        #expect(try cache.resolve("v1", fetchedFrom: "origin") == second, "a moved tag follows the remote")
        #expect(try cache.resolve("old", fetchedFrom: "origin") == first, "a tag deleted upstream stays")
    }
}
