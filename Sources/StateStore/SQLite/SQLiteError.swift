import CSQLite3

/// A failed SQLite call: the C function, its result codes and SQLite's own message.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var function: String
    public var code: Int32
    public var extendedCode: Int32
    public var message: String
    public var sql: String?

    public var description: String {
        var text = "\(function) failed (\(code)/\(extendedCode)): \(message)"
        if let sql { text += " [\(sql.prefix(120))]" }
        return text
    }

    /// The database is locked by another writer: wait and retry.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// The file is not a database or is damaged: move it aside and rebuild.
    public var isCorrupt: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB }
}
