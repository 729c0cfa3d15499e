import Foundation

/// Where a command writes: stdout for data, stderr for diagnostics of the tool itself and progress.
///
/// Tests capture both through `Console.capturing()`; the real process uses the file descriptors.
final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    /// Whether stdout is a terminal that wants colour (`NO_COLOR` unset, not `TERM=dumb`).
    let colorEnabled: Bool

    init(colorEnabled: Bool, out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.colorEnabled = colorEnabled
        self.writeOut = out
        self.writeErr = err
    }

    /// The console of the running process.
    static func standard(environment: [String: String]) -> Console {
        let tty = isatty(STDOUT_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Console(
            colorEnabled: tty && !noColor && !dumb,
            out: { writeAll($0, to: STDOUT_FILENO) },
            err: { writeAll($0, to: STDERR_FILENO) }
        )
    }

    /// Writes the text's UTF-8 bytes in place (no copy into a `Data`), retrying short writes
    /// and interruptions; a closed pipe ends the writing quietly.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    func out(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeOut(text)
    }

    func err(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeErr(text)
    }

    /// `text` wrapped in an ANSI colour when colour is on.
    func styled(_ text: String, _ style: Style) -> String {
        guard colorEnabled else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }

    enum Style: String {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
        case dim = "2"
    }
}
