import Formats
import Foundation
import PlaneModel
import Rendering
import Testing

@testable import Executors

/// The full pipeline observes and fingerprints a directory node in one walk. It must give what
/// the two walks give apart: the observation `scan()` gives, and byte for byte the fingerprint
/// the fast path compares next time (checked against the format as documented, computed here
/// with `lstat` on paths).
struct TreeWalkTests {
    /// Trusts every timestamp, so files written just now can be fingerprinted.
    static let trustAll = Int64.max

    static func scanner(_ root: String, recursive: Bool = true, deferring: Bool = false) -> ManagedTreeScanner {
        ManagedTreeScanner(root: root, recursive: recursive, formats: [.unit, .manifest], deferDigests: deferring)
    }

    /// A node folder with everything a walk must get right: rendered files in subfolders, hidden
    /// files and a hidden folder holding marked files, symlinks to a file, to a folder and to
    /// nothing, a FIFO and an unmarked file with unit names, an empty folder, a marked file whose
    /// name is not UTF-8, and marked files deeper than any walk goes.
    static func hostileTree() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let node = ExecutorFixtures.node("render-only", .directory(path: "node"))
        let cluster = ExecutorFixtures.node("cluster", .kubernetes(context: nil, namespace: "agents"))
        let rendered = try ExecutorFixtures.quadletUnits(on: node) + ExecutorFixtures.clusterManifests(on: cluster)
        for object in rendered { try folder.write("node/" + object.path, object.bytes) }
        let unit = try #require(rendered.first { $0.path.hasSuffix(".container") }).bytes
        try folder.write("node/.hidden.container", unit)
        try folder.write("node/.cache/inside.container", unit)
        try folder.write("node/.cache/deeper/more.pod", unit)
        try folder.write("node/notes.container", "[Container]\nImage=mine\n")
        try folder.write("node/README", "not ours")
        try FileManager.default.createDirectory(atPath: folder.path + "/node/empty", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/node/link.container", withDestinationPath: "notes.container")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/node/link-dir", withDestinationPath: ".cache")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/node/dangling.pod", withDestinationPath: "nowhere")
        #expect(mkfifo(folder.path + "/node/pipe.container", 0o644) == 0)
        let deep = (1...18).map { "d\($0)" }.joined(separator: "/")
        try folder.write("node/\(deep)/deep.container", unit)
        try folder.write("node/d1/d2/shallow.container", unit)
        // "caf\u{FF}.container": the byte 0xFF is never UTF-8.
        let name = Array((folder.path + "/node/caf").utf8) + [0xFF] + Array(".container".utf8)
        let cName = name.map { CChar(bitPattern: $0) } + [0]
        let fd = cName.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { open($0, O_CREAT | O_WRONLY, 0o644) } ?? -1
        }
        #expect(fd >= 0)
        #expect(unit.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == unit.count)
        close(fd)
        return folder
    }

    @Test func oneWalkObservesAndFingerprintsAsTheTwoWalksDoApart() throws {
        let folder = try Self.hostileTree()
        let root = folder.path + "/node"
        for deferring in [false, true] {
            let scanner = Self.scanner(root, deferring: deferring)
            let (objects, print) = try scanner.scanAndFingerprint(changedBefore: Self.trustAll)
            #expect(objects == (try scanner.scan()))
            #expect(print == (try FileSystem.fingerprint(root: root, maximumDepth: 16, changedBefore: Self.trustAll)))
            #expect(print == Self.documentedFingerprint(root: root, maximumDepth: 16))
            // Hidden names, links, the FIFO, the name that is not UTF-8 and the deep file are not ours.
            let paths = objects.map(\.path)
            #expect(paths.contains("d1/d2/shallow.container"))
            #expect(!paths.contains { $0.hasPrefix(".") || $0.contains("/.") || $0.hasPrefix("caf") || $0.hasSuffix("deep.container") })
            #expect(!paths.contains { ["link.container", "dangling.pod", "pipe.container", "link-dir"].contains($0) })
        }
    }

    @Test func theFingerprintFollowsEveryKindOfChangeTheOtherWalkSees() throws {
        let folder = try Self.hostileTree()
        let root = folder.path + "/node"
        let before = try Self.scanner(root).scanAndFingerprint(changedBefore: Self.trustAll).fingerprint
        // A hidden file no observation sees still changes the fingerprint, in both walks alike.
        try folder.write("node/.cache/inside.container", "edited")
        let after = try Self.scanner(root).scanAndFingerprint(changedBefore: Self.trustAll).fingerprint
        #expect(after != before)
        #expect(after == (try FileSystem.fingerprint(root: root, maximumDepth: 16, changedBefore: Self.trustAll)))
        #expect(after == Self.documentedFingerprint(root: root, maximumDepth: 16))
    }

    @Test func aFreshEntryLeavesNoFingerprintButTheWholeObservation() throws {
        let folder = try Self.hostileTree()
        let root = folder.path + "/node"
        let (objects, print) = try Self.scanner(root).scanAndFingerprint()
        #expect(print == nil, "every file was written within the racy window")
        #expect(objects == (try Self.scanner(root).scan()))
        #expect(objects.count > 5)
    }

    @Test func aHiddenFolderThatCannotBeReadLeavesNoFingerprintButTheObservation() throws {
        let folder = try Self.hostileTree()
        let root = folder.path + "/node"
        #expect(chmod(root + "/.cache", 0o000) == 0)
        let expected = try Self.scanner(root).scan()
        let outcome = try Unprivileged.run {
            try Self.scanner(root).scanAndFingerprint(changedBefore: Self.trustAll)
        }
        #expect(outcome.fingerprint == nil)
        #expect(outcome.objects == expected)
        let error = try #require(throws: ExecutorError.self) {
            try Unprivileged.run { try FileSystem.fingerprint(root: root, maximumDepth: 16, changedBefore: Self.trustAll) }
        }
        #expect(error.description == "\(root)/.cache: Permission denied")
    }

    @Test func aFolderOfOursThatCannotBeReadFailsTheObservation() throws {
        let folder = try Self.hostileTree()
        let root = folder.path + "/node"
        #expect(chmod(root + "/d1", 0o000) == 0)
        let error = try #require(throws: ExecutorError.self) {
            try Unprivileged.run { try Self.scanner(root).scanAndFingerprint(changedBefore: Self.trustAll) }
        }
        #expect(error.description == "\(root)/d1: Permission denied")
    }

    @Test func aFlatScanStaysInItsFolderWhileTheFingerprintGoesDown() throws {
        let folder = try Self.hostileTree()
        let root = folder.path + "/node"
        let scanner = Self.scanner(root, recursive: false)
        let (objects, print) = try scanner.scanAndFingerprint(changedBefore: Self.trustAll)
        #expect(objects == (try scanner.scan()))
        #expect(!objects.isEmpty && objects.allSatisfy { !$0.path.contains("/") })
        #expect(print == Self.documentedFingerprint(root: root, maximumDepth: 16))
    }

    @Test func aMissingRootAndARootThatIsAFile() throws {
        let folder = try TemporaryFolder()
        let missing = try Self.scanner(folder.path + "/never").scanAndFingerprint(changedBefore: Self.trustAll)
        #expect(missing.objects.isEmpty)
        #expect(missing.fingerprint == SHA256.hex([]))
        // Below a file: nothing there yet, as `scan()` says.
        let file = try folder.write("plain", "x")
        #expect(try Self.scanner(file + "/below").scanAndFingerprint(changedBefore: Self.trustAll).objects.isEmpty)
        let error = try #require(throws: ExecutorError.self) { try Self.scanner(file).scanAndFingerprint() }
        #expect(error.description == "\(file): not a directory")
    }

    // MARK: - The fingerprint as documented

    /// `FileSystem.fingerprint`'s format, computed apart: a `root` entry for the root (its
    /// `stat`), then every entry by `lstat` on its path, names in byte order, each folder's
    /// entries right after its own, folders entered down to `maximumDepth`; an entry is
    /// `relative/name`, NUL, then mode, size, inode, mtime and ctime (ns) as little-endian Int64.
    static func documentedFingerprint(root: String, maximumDepth: Int) -> String {
        var bytes: [UInt8] = []
        func entry(_ name: [UInt8], _ relative: [UInt8], _ info: stat) {
            if !relative.isEmpty { bytes += relative + [UInt8(ascii: "/")] }
            bytes += name + [0]
            let fields = [
                Int64(info.st_mode), Int64(info.st_size), Int64(bitPattern: UInt64(info.st_ino)),
                Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
            ]
            for field in fields { withUnsafeBytes(of: field.littleEndian) { bytes += $0 } }
        }
        func cPath(_ path: [UInt8]) -> [CChar] { path.map { CChar(bitPattern: $0) } + [0] }
        func walk(_ path: [UInt8], _ relative: [UInt8], _ depth: Int) {
            guard let directory = opendir(cPath(path)) else { return }
            var names: [[UInt8]] = []
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if name != [46] && name != [46, 46] { names.append(name) }
            }
            closedir(directory)
            for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let full = path + [UInt8(ascii: "/")] + name
                var info = stat()
                guard lstat(cPath(full), &info) == 0 else { continue }
                entry(name, relative, info)
                if info.st_mode & S_IFMT == S_IFDIR, depth < maximumDepth {
                    walk(full, relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name, depth + 1)
                }
            }
        }
        var info = stat()
        guard stat(root, &info) == 0 else { return "" }
        entry(Array("root".utf8), [], info)
        walk(Array(root.utf8), [], 0)
        return SHA256.hex(bytes)
    }
}

/// Which names can hold a file of ours, decided on their bytes.
struct ManagedFileNameTests {
    @Test func formatsByTheBytesAfterTheLastDot() {
        let cases: [(String, ManagedFileReader.Format?)] = [
            ("web.container", .unit), ("web.pod", .unit), ("data.volume", .unit), ("net.network", .unit),
            ("deploy.yaml", .manifest), ("deploy.yml", .manifest), ("a.b.container", .unit), ("café.pod", .unit),
            (".hidden.container", nil), (".container", nil), ("container", nil), ("web.YAML", nil), ("web.container.bak", nil),
            ("web.", nil), ("web.con\u{301}tainer", nil),
        ]
        for (name, format) in cases {
            #expect(ManagedFileReader.format(ofName: name) == format, "\(name)")
            #expect(ManagedFileReader.format(ofPath: "cluster/" + name) == format, "cluster/\(name)")
        }
        #expect(ManagedFileReader.format(ofPath: ".cache/web.pod") == .unit, "only the last component counts")
        #expect(ManagedFileReader.format(ofPath: "web.pod/README") == nil)
    }
}
