import CSQLite3

/// One SQLite connection: owns the `sqlite3` handle and closes it in deinit.
///
/// Every raw call goes through `check`, which turns a result code into an `SQLiteError` with
/// `sqlite3_errmsg`. Not thread-safe: one connection per thread or per store.
final class Database {
    private let handle: OpaquePointer
    let path: String

    /// Opens (creating if needed) the database at `path` (`sqlite3_open_v2`).
    init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
        var raw: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &raw, flags, nil)
        guard code == SQLITE_OK, let opened = raw else {
            let message = raw.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let raw { sqlite3_close_v2(raw) }
            throw SQLiteError(function: "sqlite3_open_v2", code: code, extendedCode: code, message: message, sql: nil)
        }
        handle = opened
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Builds the error for a failed call from the connection's current message.
    func error(_ function: String, _ code: Int32, sql: String? = nil) -> SQLiteError {
        SQLiteError(
            function: function, code: code & 0xFF, extendedCode: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements without results (`sqlite3_exec`).
    func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error("sqlite3_exec", code, sql: sql) }
    }

    /// Prepares one statement (`sqlite3_prepare_v2`).
    func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var raw: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &raw, nil)
        guard code == SQLITE_OK, let statement = raw else {
            if let raw { sqlite3_finalize(raw) }
            throw error("sqlite3_prepare_v2", code, sql: sql)
        }
        return Statement(statement, database: self, sql: sql)
    }

    /// Runs `body` in an immediate transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// `PRAGMA user_version`.
    var userVersion: Int {
        get throws(SQLiteError) {
            let statement = try prepare("PRAGMA user_version")
            guard try statement.step() else { return 0 }
            return statement.int(0)
        }
    }

    /// The rowid of the last insert (`sqlite3_last_insert_rowid`).
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement (`sqlite3_changes`).
    var changes: Int { Int(sqlite3_changes(handle)) }
}
