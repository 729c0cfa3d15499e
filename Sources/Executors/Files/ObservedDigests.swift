import PlaneModel

/// Fills in the actual digests an observation taken with `deferringDigests` left out.
///
/// Observing a node's folder mostly waits on the file system, so the planner starts it early,
/// beside admission, placement and rendering, but defers the SHA-256 of each file until it
/// knows what the file should hold: a file whose bytes equal what was just rendered for its
/// path borrows that digest (compared byte for byte, a few instructions a byte, where SHA-256
/// takes about seventeen); any other file is hashed here as it would have been when observed.
public enum ObservedDigests {
    /// Whether `observation` has a digest left to settle (a file kept whole without one).
    public static func hasDeferred(_ observation: NodeObservation) -> Bool {
        observation.objects.contains { $0.actualDigest == nil && $0.content != nil }
    }

    /// `observation` with every deferred digest filled in; `known` holds the rendered contents
    /// by relative path (see `KnownContent`). Objects that already have a digest, and objects
    /// without content (runtime objects), are left as they are.
    public static func settle(_ observation: NodeObservation, knowing known: [String: KnownContent]) -> NodeObservation {
        guard hasDeferred(observation) else { return observation }
        var objects = observation.objects
        for index in objects.indices where objects[index].actualDigest == nil {
            guard let content = objects[index].content else { continue }
            let path = objects[index].path
            guard let format = ManagedFileReader.format(ofPath: path) else { continue }
            if let entry = known[path], ManagedFileReader.same(entry.bytes, content) {
                objects[index].actualDigest = entry.digest
            } else {
                objects[index].actualDigest = ManagedFileReader.contentDigest(content, format)
            }
        }
        return NodeObservation(node: observation.node, objects: objects)
    }
}
