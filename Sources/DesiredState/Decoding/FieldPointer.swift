import Formats

/// The JSON pointer of a value being decoded, spelled out only when a message needs it: the
/// pointer of the object or array that holds the value, and the value's key or index there.
///
/// The decoder reads every field with its pointer, yet nearly every document decodes without
/// a message; joining each pointer as it went was over a third of decoding. Objects and arrays
/// spell out their own pointer once, for their members.
struct FieldPointer: ExpressibleByStringLiteral {
    private enum Step {
        case key(String)
        case index(Int)
    }

    private let parent: String
    private let step: Step?

    /// A pointer already spelled out (`""` is the whole document).
    init(_ pointer: String) {
        parent = pointer
        step = nil
    }

    init(stringLiteral pointer: String) {
        self.init(pointer)
    }

    /// Member `key` of the value at `parent`.
    init(_ parent: String, key: String) {
        self.parent = parent
        step = .key(key)
    }

    /// Element `index` of the array at `parent`.
    init(_ parent: String, index: Int) {
        self.parent = parent
        step = .index(index)
    }

    /// The pointer as RFC 6901 text (`/spec/containers/0`).
    var text: String {
        switch step {
        case nil: parent
        case .key(let key): JSONPointer.appending(parent, key)
        case .index(let index): JSONPointer.appending(parent, index: index)
        }
    }

    /// Member `key` below this value.
    func appending(_ key: String) -> FieldPointer {
        FieldPointer(text, key: key)
    }
}
