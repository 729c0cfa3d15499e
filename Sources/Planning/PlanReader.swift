import Foundation
import Formats

/// Typed access to a JSON object for decoding plans and decisions; errors carry the pointer.
struct PlanReader {
    let object: JSONObject
    let pointer: String

    init(_ node: JSONNode, _ pointer: String) {
        self.object = node.value.objectValue ?? JSONObject()
        self.pointer = pointer
    }

    func error(_ key: String, _ message: String) -> PlanDecodingError {
        PlanDecodingError(pointer: pointer + "/" + JSONPointer.escape(key), message: message)
    }

    func string(_ key: String) throws(PlanDecodingError) -> String {
        guard let value = object[key]?.value.stringValue else { throw error(key, "expected string") }
        return value
    }

    func optionalString(_ key: String) throws(PlanDecodingError) -> String? {
        guard let node = object[key], !node.value.isNull else { return nil }
        guard let value = node.value.stringValue else { throw error(key, "expected string or null") }
        return value
    }

    func int(_ key: String) throws(PlanDecodingError) -> Int {
        guard let value = object[key]?.value.intValue else { throw error(key, "expected integer") }
        return value
    }

    func bool(_ key: String) throws(PlanDecodingError) -> Bool {
        guard let value = object[key]?.value.boolValue else { throw error(key, "expected boolean") }
        return value
    }

    func strings(_ key: String) throws(PlanDecodingError) -> [String] {
        guard let items = object[key]?.value.arrayValue else { throw error(key, "expected array") }
        var out: [String] = []
        for item in items {
            guard let s = item.value.stringValue else { throw error(key, "expected array of strings") }
            out.append(s)
        }
        return out
    }

    func array(_ key: String) throws(PlanDecodingError) -> [PlanReader] {
        guard let items = object[key]?.value.arrayValue else { throw error(key, "expected array") }
        let base = pointer + "/" + JSONPointer.escape(key)
        return items.enumerated().map { PlanReader($0.element, base + "/\($0.offset)") }
    }

    /// Bytes stored as text under `key`, or as base64 under `key + "Base64"`.
    func content(_ key: String) throws(PlanDecodingError) -> [UInt8]? {
        if let text = try optionalString(key) { return Array(text.utf8) }
        guard let encoded = try optionalString(key + "Base64") else { return nil }
        guard let data = Data(base64Encoded: encoded) else { throw error(key + "Base64", "invalid base64") }
        return Array(data)
    }
}
