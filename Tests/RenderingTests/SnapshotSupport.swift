import Foundation
import Rendering
import Testing

/// Golden files for rendered objects: `Snapshots/<named>/<object.path>`, one file per object.
///
/// Compares each object's bytes with its file and reports missing, different and stale files
/// (files in the folder that no object produced). With `RECORD_SNAPSHOTS=1` in the environment
/// it rewrites the folder instead and records an issue, so a recording run never passes by
/// accident: run the tests again without it.
func assertSnapshot(
    _ objects: [RenderedObject], named: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let folder = SnapshotFolder(named: named)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do {
            try folder.record(objects)
            Issue.record(
                "recorded \(objects.count) snapshot files in \(folder.url.path); run again without RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record snapshots in \(folder.url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    for problem in folder.compare(objects) {
        Issue.record(
            "\(problem)\n(re-record with RECORD_SNAPSHOTS=1 if the change is intended)", sourceLocation: sourceLocation)
    }
}

/// A folder of golden files under `Tests/RenderingTests/Snapshots/`.
struct SnapshotFolder {
    let url: URL

    init(named: String) {
        url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots").appendingPathComponent(named)
    }

    func record(_ objects: [RenderedObject]) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: url.path) { try fileManager.removeItem(at: url) }
        for object in objects {
            let file = url.appendingPathComponent(object.path)
            try fileManager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(object.bytes).write(to: file)
        }
    }

    /// One message per difference; empty when the folder matches exactly.
    func compare(_ objects: [RenderedObject]) -> [String] {
        var problems: [String] = []
        var expected = Set<String>()
        for object in objects {
            expected.insert(object.path)
            let file = url.appendingPathComponent(object.path)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                problems.append("missing snapshot \(file.path)")
                continue
            }
            if [UInt8](data) != object.bytes {
                problems.append(
                    "\(file.path) differs from the rendered \(object.path):\n"
                        + firstDifference(
                            expected: String(decoding: data, as: UTF8.self),
                            actual: String(decoding: object.bytes, as: UTF8.self)))
            }
        }
        for path in filesOnDisk() where !expected.contains(path) {
            problems.append("stale snapshot \(url.appendingPathComponent(path).path): nothing renders it any more")
        }
        return problems
    }

    /// Paths of the files under the folder, relative to it.
    private func filesOnDisk() -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        let base = url.standardizedFileURL.path + "/"
        var paths: [String] = []
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = file.standardizedFileURL.path
            if path.hasPrefix(base) { paths.append(String(path.dropFirst(base.count))) }
        }
        return paths.sorted()
    }

    private func firstDifference(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "<end of file>"
            let b = index < new.count ? String(new[index]) : "<end of file>"
            if a != b { return "line \(index + 1):\n- \(a)\n+ \(b)" }
        }
        return "(the bytes differ, the lines do not: line endings?)"
    }
}
