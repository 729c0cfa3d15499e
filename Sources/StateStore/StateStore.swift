import Foundation

/// The control host's memory: runs, the action journal, operation events, node leases and node
/// status, in SQLite (WAL, busy timeout, versioned migrations) at `<state-dir>/state.db`.
///
/// Git and the nodes are the truth; this is bookkeeping. A database that is damaged or not a
/// database is moved aside (`state.db.corrupt-<time>`) and rebuilt empty, and the next run still
/// converges because it diffs against what the nodes really run.
public final class StateStore {
    let database: Database
    public let path: String
    /// Where a damaged database was moved, when opening had to rebuild it.
    public let recoveredFrom: String?

    /// Opens (creating or rebuilding) the store in `directory`.
    public static func open(directory: String) throws(StateStoreError) -> StateStore {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .directory(path: directory, message: error.localizedDescription)
        }
        let path = directory + "/state.db"
        do {
            return try StateStore(path: path, recoveredFrom: nil)
        } catch let error where error.isCorrupt {
            let aside = path + ".corrupt-" + String(Int(Timestamps.now()))
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try? FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            do {
                return try StateStore(path: path, recoveredFrom: aside)
            } catch {
                throw .sqlite(error)
            }
        } catch {
            throw .sqlite(error)
        }
    }

    private init(path: String, recoveredFrom: String?) throws(SQLiteError) {
        self.path = path
        self.recoveredFrom = recoveredFrom
        database = try Database(path: path)
        try database.execute("PRAGMA journal_mode=WAL")
        try database.execute("PRAGMA synchronous=NORMAL")
        let check = try database.prepare("PRAGMA quick_check")
        if try check.step(), check.text(0) != "ok" {
            throw SQLiteError(
                function: "PRAGMA quick_check", code: 11, extendedCode: 11, message: check.text(0) ?? "damaged", sql: nil)
        }
        let version = try database.userVersion
        if version > Migrations.steps.count {
            throw SQLiteError(
                function: "PRAGMA user_version", code: 1, extendedCode: 1,
                message: "database version \(version) is newer than this agentplane knows (\(Migrations.steps.count))",
                sql: nil)
        }
        try Migrations.migrate(database)
    }

    /// Runs `body`, mapping SQLite failures to `StateStoreError`.
    func perform<T>(_ body: () throws(SQLiteError) -> T) throws(StateStoreError) -> T {
        do {
            return try body()
        } catch {
            throw .sqlite(error)
        }
    }
}
