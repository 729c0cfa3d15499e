/// Renders raw bytes readably: printable ASCII as is, everything else as `\xNN`.
enum ByteEscaping {
    /// Escapes `bytes` so a name that is not valid UTF-8 can still be shown in a message.
    static func escape(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16)
                out += byte < 0x10 ? "\\x0\(hex)" : "\\x\(hex)"
            }
        }
        return out
    }
}
