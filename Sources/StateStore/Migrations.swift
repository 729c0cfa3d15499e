/// The schema of the state database, as numbered steps applied in order and recorded in
/// `PRAGMA user_version`. Never edit a released step: add one.
enum Migrations {
    static let steps: [String] = [
        // 1: runs, the action journal, operation events, leases, node status.
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            revision TEXT NOT NULL,
            nodes TEXT NOT NULL,
            started_at REAL NOT NULL,
            finished_at REAL,
            result TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            holder TEXT NOT NULL
        );
        CREATE INDEX runs_started ON runs(started_at);
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs(id),
            node TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            action TEXT NOT NULL,
            path TEXT NOT NULL,
            digest TEXT,
            outcome TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 1,
            intent_at REAL NOT NULL,
            outcome_at REAL
        );
        CREATE INDEX journal_run ON journal(run_id, node, sequence);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            node TEXT,
            kind TEXT NOT NULL,
            phase TEXT NOT NULL,
            at REAL NOT NULL,
            message TEXT NOT NULL
        );
        CREATE INDEX events_run ON events(run_id);
        CREATE TABLE leases (
            node TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            pid INTEGER NOT NULL,
            acquired_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );
        CREATE TABLE node_status (
            node TEXT PRIMARY KEY,
            revision TEXT NOT NULL,
            run_id TEXT NOT NULL,
            result TEXT NOT NULL,
            at REAL NOT NULL,
            drifted INTEGER NOT NULL,
            pending INTEGER NOT NULL
        );
        """,
        // 2: promotion reviews (approvals and rejections with their reasons).
        """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            branch TEXT NOT NULL,
            commit_id TEXT NOT NULL,
            decision TEXT NOT NULL,
            reviewer TEXT,
            reason TEXT,
            merge_commit TEXT,
            at REAL NOT NULL
        );
        """,
    ]

    /// Brings `database` to the latest version, one transaction per step.
    static func migrate(_ database: Database) throws(SQLiteError) {
        let current = try database.userVersion
        guard current < steps.count else { return }
        for version in current..<steps.count {
            try database.transaction { () throws(SQLiteError) in
                try database.execute(steps[version])
                try database.execute("PRAGMA user_version = \(version + 1)")
            }
        }
    }
}
