import Formats

/// One rendered manifest: the JSON value the renderer meant and the object written from it.
///
/// `object.bytes` is `YAMLWriter.write(value)`; tests parse the bytes back and compare them with
/// `value`, and executors that talk JSON (kubectl server-side apply) may send `value` directly.
public struct KubernetesManifest: Sendable {
    public var value: JSONValue
    public var object: RenderedObject

    public init(value: JSONValue, object: RenderedObject) {
        self.value = value
        self.object = object
    }
}
