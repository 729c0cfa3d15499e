import Formats
import Foundation
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The directory executor observes what the renderers wrote into a folder, and nothing else.
struct DirectoryObserveTests {
    static func executor(_ folder: TemporaryFolder, path: String = "node") -> any Executor {
        let node = ExecutorFixtures.node("render-only", .directory(path: path))
        return Executors.make(for: node, environment: ExecutorEnvironment(stateDirectory: folder.path))
    }

    /// Renders units and manifests into `<state>/node/`, as apply will.
    static func writeRendered(into folder: TemporaryFolder) throws -> [RenderedObject] {
        let node = ExecutorFixtures.node("render-only", .directory(path: "node"))
        let cluster = ExecutorFixtures.node("cluster", .kubernetes(context: nil, namespace: "agents"))
        let objects = try ExecutorFixtures.quadletUnits(on: node) + ExecutorFixtures.clusterManifests(on: cluster)
        for object in objects { try folder.write("node/" + object.path, object.bytes) }
        return objects
    }

    @Test func renderedFilesAreObservedWithMatchingDigests() throws {
        let folder = try TemporaryFolder()
        let rendered = try Self.writeRendered(into: folder)
        let observation = try Self.executor(folder).observe()

        #expect(observation.node == "render-only")
        #expect(observation.objects.map(\.path) == rendered.map(\.path).sorted())
        #expect(rendered.contains { $0.path == "web/serviceaccount.yaml" }, "a manifest whose only annotation is the digest")
        #expect(rendered.contains { $0.path == "batch/job.yaml" })
        for object in rendered {
            let observed = try #require(observation.objects.first { $0.path == object.path })
            #expect(observed.claimedDigest == object.labels[OwnershipLabel.digest], "\(object.path)")
            #expect(observed.actualDigest == object.labels[OwnershipLabel.digest], "\(object.path)")
            #expect(observed.content == object.bytes, "\(object.path)")
            #expect(!observed.drifted, "\(object.path)")
            #expect(observed.state == nil)
        }
    }

    /// Deferred digests, settled with what was just rendered, give the observation that hashing
    /// every file gives: identical files borrow the rendered digest, and a file that differs is
    /// hashed, so drift is never hidden.
    @Test func settledDeferredDigestsGiveTheSameObservationAndNeverHideDrift() throws {
        let folder = try TemporaryFolder()
        let rendered = try Self.writeRendered(into: folder)
        var known: [String: KnownContent] = [:]
        for object in rendered {
            let digest = try #require(object.labels[OwnershipLabel.digest], "\(object.path)")
            known[object.path] = KnownContent(bytes: object.bytes, digest: digest)
        }
        let executor = Self.executor(folder)
        let deferred = try executor.observe(deferringDigests: true)
        #expect(deferred.objects.allSatisfy { $0.actualDigest == nil && $0.content != nil })
        #expect(ObservedDigests.settle(deferred, knowing: known) == (try executor.observe()))
        #expect(ObservedDigests.settle(deferred, knowing: [:]) == (try executor.observe()), "without known contents every file is hashed")
        #expect(ObservedDigests.settle(try executor.observe(), knowing: known) == (try executor.observe()))

        // A hand edit: the known bytes no longer match, so the file is hashed and shows as drift.
        let unit = try #require(rendered.first { $0.path == "web-agent.container" })
        let text = String(decoding: unit.bytes, as: UTF8.self)
        for edit in [text.replacingOccurrences(of: "LOG_LEVEL=info", with: "LOG_LEVEL=debug"),
                     text.replacingOccurrences(of: "LOG_LEVEL=info", with: "LOG_LEVEL=INFO")]
        {
            #expect(edit != text)
            try folder.write("node/web-agent.container", edit)
            let settled = ObservedDigests.settle(try executor.observe(deferringDigests: true), knowing: known)
            let object = try #require(settled.objects.first { $0.path == unit.path })
            #expect(object.drifted, "\(edit.utf8.count) bytes against \(unit.bytes.count)")
            #expect(settled == (try executor.observe()))
        }

        // A known digest is only ever borrowed for identical bytes.
        var wrong = known
        wrong[unit.path] = KnownContent(bytes: unit.bytes, digest: String(repeating: "0", count: 64))
        let stillHashed = ObservedDigests.settle(try executor.observe(deferringDigests: true), knowing: wrong)
        #expect(stillHashed == (try executor.observe()))
    }

    @Test func aHandEditedUnitIsDrift() throws {
        let folder = try TemporaryFolder()
        let rendered = try Self.writeRendered(into: folder)
        let unit = try #require(rendered.first { $0.path == "web-agent.container" })
        let edited = String(decoding: unit.bytes, as: UTF8.self).replacingOccurrences(
            of: "LOG_LEVEL=info", with: "LOG_LEVEL=debug")
        #expect(edited != String(decoding: unit.bytes, as: UTF8.self))
        try folder.write("node/web-agent.container", edited)

        let observed = try #require(try Self.executor(folder).observe().objects.first { $0.path == unit.path })
        #expect(observed.claimedDigest == unit.labels[OwnershipLabel.digest])
        #expect(observed.actualDigest != observed.claimedDigest)
        #expect(observed.drifted)
        #expect(observed.content == Array(edited.utf8))
    }

    @Test func aHandEditedManifestIsDrift() throws {
        let folder = try TemporaryFolder()
        let rendered = try Self.writeRendered(into: folder)
        let manifest = try #require(rendered.first { $0.path == "web/deployment.yaml" })
        let edited = String(decoding: manifest.bytes, as: UTF8.self).replacingOccurrences(
            of: "replicas: 1", with: "replicas: 5")
        try folder.write("node/web/deployment.yaml", edited)

        let observed = try #require(try Self.executor(folder).observe().objects.first { $0.path == manifest.path })
        #expect(observed.claimedDigest == manifest.labels[OwnershipLabel.digest])
        #expect(observed.drifted)
    }

    @Test func filesWithoutOurMarkAreNeverOurs() throws {
        let folder = try TemporaryFolder()
        let rendered = try Self.writeRendered(into: folder)
        // A hand-written unit, a manifest of someone else, our label only in a pod template,
        // in a comment, or under the wrong key; our header in a file we never write, or not on
        // the first line; a hidden file with our header (apply's temporary files are hidden).
        try folder.write("node/mine.container", "[Container]\nImage=docker.io/library/nginx:1\n")
        try folder.write(
            "node/theirs/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: theirs\n  labels:\n    app: theirs\n")
        try folder.write(
            "node/template-only.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    metadata:\n      labels:\n"
                + "        agentplane.dev/managed-by: agentplane\n")
        try folder.write(
            "node/comment.yaml", "# agentplane.dev/managed-by: agentplane\nkind: ConfigMap\nmetadata:\n  name: c\n")
        try folder.write(
            "node/annotation.yaml",
            "kind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    agentplane.dev/managed-by: agentplane\n")
        try folder.write(
            "node/other-manager.yaml", "kind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    agentplane.dev/managed-by: helm\n")
        try folder.write("node/notes.txt", QuadletFileHeader.managedLine + "\n")
        try folder.write("node/late.pod", "[Pod]\n" + QuadletFileHeader.managedLine + "\n")
        try folder.write("node/.web.pod.agentplane-tmp", QuadletFileHeader.managedLine + "\n")

        let paths = try Self.executor(folder).observe().objects.map(\.path)
        for foreign in [
            "mine.container", "theirs/deployment.yaml", "template-only.yaml", "comment.yaml", "annotation.yaml",
            "other-manager.yaml", "notes.txt", "late.pod", ".web.pod.agentplane-tmp",
        ] {
            #expect(!paths.contains(foreign), "\(foreign) is not ours")
        }
        #expect(paths == rendered.map(\.path).sorted(), "only the rendered objects")
    }

    @Test func aGarbledOrForgedHeaderClaimsNothingAndShowsAsDrift() throws {
        let folder = try TemporaryFolder()
        let managed = QuadletFileHeader.managedLine + "\n"
        try folder.write("node/garbled.container", managed + "# agentplane.dev/digest: not-a-digest\n[Container]\n")
        try folder.write("node/nodigest.pod", managed + "[Pod]\nPodName=x\n")
        // A forged header that claims the digest of other content.
        let forged = String(repeating: "ab", count: 32)
        try folder.write("node/forged.volume", managed + "# agentplane.dev/digest: \(forged)\n[Volume]\n")
        try folder.write(
            "node/forged.yaml",
            "kind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    agentplane.dev/managed-by: agentplane\n"
                + "  annotations:\n    agentplane.dev/digest: '\(forged)'\ndata:\n  a: b\n")

        let objects = try Self.executor(folder).observe().objects
        #expect(objects.map(\.path) == ["forged.volume", "forged.yaml", "garbled.container", "nodigest.pod"])
        for object in objects {
            #expect(object.drifted, "\(object.path)")
            #expect(object.actualDigest != nil)
        }
        #expect(objects.first { $0.path == "garbled.container" }?.claimedDigest == nil)
        #expect(objects.first { $0.path == "nodigest.pod" }?.claimedDigest == nil)
        #expect(objects.first { $0.path == "forged.volume" }?.claimedDigest == forged)
        #expect(objects.first { $0.path == "forged.yaml" }?.claimedDigest == forged)
    }

    @Test func namesWithSpacesAreKeptAsTheyAre() throws {
        let folder = try TemporaryFolder()
        let node = ExecutorFixtures.node("render-only", .directory(path: "node"))
        let unit = try #require(try ExecutorFixtures.quadletUnits(on: node).first { $0.path == "web.pod" })
        try folder.write("node/my web.pod", unit.bytes)
        try folder.write("node/team a/sub dir/web.pod", unit.bytes)

        let objects = try Self.executor(folder).observe().objects
        #expect(objects.map(\.path) == ["my web.pod", "team a/sub dir/web.pod"])
        #expect(objects.allSatisfy { !$0.drifted })
    }

    @Test func aHugeForeignFileIsDismissedAfterItsHead() throws {
        let folder = try TemporaryFolder()
        // 1 GiB, sparse: reading it whole would add a gigabyte to this process's read count.
        let path = try folder.write("node/huge.container", "[Container]\nImage=x\n")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let hundredMegabytes = try folder.write("node/big.yaml", "kind: ConfigMap\n")
        #expect(truncate(hundredMegabytes, 100 << 20) == 0)

        let before = try Self.bytesReadByThisProcess()
        let objects = try Self.executor(folder).observe().objects
        let read = try Self.bytesReadByThisProcess() - before
        #expect(objects.isEmpty)
        #expect(read < 200 << 20, "observe read \(read) bytes")
    }

    /// A marked file past the 64 KiB head is read in two parts, to its last byte, and reads
    /// stop at the end of the file without another system call: every size around the edges.
    @Test func markedFilesOfEverySizeAreReadWhole() throws {
        let folder = try TemporaryFolder()
        let managed = Array((QuadletFileHeader.managedLine + "\n").utf8)
        for bodySize in [0, 1, 100, 64 * 1024 - 200, 64 * 1024, 64 * 1024 + 1, 200 * 1024] {
            let body = Array("[Unit]\nDescription=".utf8) + Array(repeating: UInt8(ascii: "x"), count: bodySize) + [0x0A]
            let digest = SHA256.hex(managed + body)
            let bytes = managed + Array((QuadletFileHeader.digestPrefix + digest + "\n").utf8) + body
            try folder.write("node/big.container", bytes)
            let object = try #require(try Self.executor(folder).observe().objects.first, "body \(bodySize)")
            #expect(object.content == bytes, "body \(bodySize)")
            #expect(object.claimedDigest == digest, "body \(bodySize)")
            #expect(object.actualDigest == digest, "body \(bodySize)")
            #expect(!object.drifted, "body \(bodySize)")
        }
    }

    @Test func aFileWithOurHeaderTooLargeToBeOursIsDriftWithoutItsContent() throws {
        let folder = try TemporaryFolder()
        let header = QuadletFileHeader.managedLine + "\n# agentplane.dev/digest: \(String(repeating: "0", count: 64))\n"
        let path = try folder.write("node/huge.container", header)
        // Over the 4 MiB a rendered unit could never reach: hashed in chunks, not kept.
        #expect(truncate(path, 6 << 20) == 0)

        let object = try #require(try Self.executor(folder).observe().objects.first)
        #expect(object.path == "huge.container")
        #expect(object.drifted)
        #expect(object.content == nil)
    }

    @Test func symlinksAreNotFollowed() throws {
        let folder = try TemporaryFolder()
        let elsewhere = try TemporaryFolder()
        let node = ExecutorFixtures.node("render-only", .directory(path: "node"))
        let unit = try #require(try ExecutorFixtures.quadletUnits(on: node).first)
        let target = try elsewhere.write("outside/web.pod", unit.bytes)
        try folder.write("node/real.pod", unit.bytes)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/node/link.pod", withDestinationPath: target)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/node/linked-dir", withDestinationPath: elsewhere.path + "/outside")

        #expect(try Self.executor(folder).observe().objects.map(\.path) == ["real.pod"])
    }

    @Test func fifosAndSocketsDoNotBlockOrCount() throws {
        let folder = try TemporaryFolder()
        try folder.write("node/.keep", "")
        #expect(mkfifo(folder.path + "/node/pipe.container", 0o644) == 0)
        #expect(try Self.executor(folder).observe().objects.isEmpty)
    }

    @Test func aMissingFolderHoldsNothingYet() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.executor(folder, path: "never-written").observe().objects.isEmpty)
    }

    @Test func aFileWhereTheFolderShouldBeIsAnError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("node", "not a folder")
        let error = try #require(throws: ExecutorError.self) { try Self.executor(folder).observe() }
        #expect(error.description == "\(path): not a directory")
    }

    @Test func relativePathsResolveAgainstTheStateDirectoryAndAbsoluteOnesDoNot() throws {
        let state = try TemporaryFolder()
        let other = try TemporaryFolder()
        let node = ExecutorFixtures.node("render-only", .directory(path: "node"))
        let unit = try #require(try ExecutorFixtures.quadletUnits(on: node).first)
        try state.write("node/a.pod", unit.bytes)
        try other.write("b.pod", unit.bytes)
        let environment = ExecutorEnvironment(stateDirectory: state.path)

        let relative = Executors.make(for: node, environment: environment)
        #expect(try relative.observe().objects.map(\.path) == ["a.pod"])
        let absolute = Executors.make(
            for: ExecutorFixtures.node("render-only", .directory(path: other.path)), environment: environment)
        #expect(try absolute.observe().objects.map(\.path) == ["b.pod"])
    }

    @Test func anUnreadableFileIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        let node = ExecutorFixtures.node("render-only", .directory(path: "node"))
        let unit = try #require(try ExecutorFixtures.quadletUnits(on: node).first)
        let path = try folder.write("node/locked.pod", unit.bytes)
        #expect(chmod(path, 0o000) == 0)

        let error = try #require(throws: ExecutorError.self) {
            try Unprivileged.run { try Self.executor(folder).observe() }
        }
        #expect(error.description == "\(path): Permission denied")
        #expect(!error.isRetryable)
    }

    /// `rchar` of /proc/self/io: bytes this process read through read(2) and friends.
    static func bytesReadByThisProcess() throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
            if let value = Int(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces)) { return value }
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}
