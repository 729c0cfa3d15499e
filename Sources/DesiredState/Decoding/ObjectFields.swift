import Formats

/// The members of one JSON object being decoded, read by key with the object's pointer
/// (spelled out once, for its members' pointers).
struct ObjectFields {
    let context: DecodeContext
    let node: JSONNode
    let object: JSONObject
    let pointer: String

    /// Whether the object has `key`.
    func has(_ key: String) -> Bool { object.contains(key) }

    /// The pointer of member `key`.
    func pointer(_ key: String) -> FieldPointer { FieldPointer(pointer, key: key) }

    /// Member `key` read by `read`, or nil when it is absent (no diagnostic) or does not fit.
    func optional<T>(_ key: String, _ read: (JSONNode, FieldPointer) -> T?) -> T? {
        guard let child = object[key] else { return nil }
        return read(child, pointer(key))
    }

    /// Member `key` read by `read`; a missing member is reported at this object.
    func required<T>(_ key: String, _ read: (JSONNode, FieldPointer) -> T?) -> T? {
        guard let child = object[key] else {
            context.report("missing required property \"\(key)\"", at: node.position, pointer: FieldPointer(pointer))
            return nil
        }
        return read(child, pointer(key))
    }
}
