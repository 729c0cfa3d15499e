import Foundation

extension StateStore {
    // MARK: - Runs

    public func beginRun(_ run: RunRecord) throws(StateStoreError) {
        try perform { () throws(SQLiteError) in
            try database.prepare(
                "INSERT INTO runs (id, revision, nodes, started_at, finished_at, result, summary, holder) VALUES (?,?,?,?,?,?,?,?)"
            ).run([
                .text(run.id), .text(run.revision), .text(run.nodes.joined(separator: ",")), .real(run.startedAt),
                run.finishedAt.map(SQLValue.real) ?? .null, .text(run.result.rawValue), .text(run.summary), .text(run.holder),
            ])
        }
    }

    public func finishRun(_ id: String, result: RunResult, summary: String, at: Double = Timestamps.now()) throws(StateStoreError) {
        try perform { () throws(SQLiteError) in
            try database.prepare("UPDATE runs SET result = ?, summary = ?, finished_at = ? WHERE id = ?")
                .run([.text(result.rawValue), .text(summary), .real(at), .text(id)])
        }
    }

    /// Marks runs still `running` whose process is gone as `interrupted`; returns their ids.
    /// A run belongs to `holder` `host:pid:…`; on this host a pid that no longer exists is gone.
    public func markAbandonedRuns(host: String, isAlive: (Int32) -> Bool = StateStore.processExists) throws(StateStoreError)
        -> [String]
    {
        try perform { () throws(SQLiteError) in
            let select = try database.prepare("SELECT id, holder FROM runs WHERE result = 'running'")
            var abandoned: [String] = []
            while try select.step() {
                guard let id = select.text(0), let holder = select.text(1) else { continue }
                let parts = holder.split(separator: ":")
                guard parts.count >= 2, String(parts[0]) == host, let pid = Int32(parts[1]) else { continue }
                if !isAlive(pid) { abandoned.append(id) }
            }
            for id in abandoned {
                try database.prepare(
                    "UPDATE runs SET result = 'interrupted', finished_at = ?, summary = 'the reconciler stopped mid-run' WHERE id = ?"
                ).run([.real(Timestamps.now()), .text(id)])
                try database.prepare("UPDATE journal SET outcome = 'failed', detail = 'interrupted' WHERE run_id = ? AND outcome = 'pending'")
                    .run([.text(id)])
            }
            return abandoned
        }
    }

    /// Runs, newest first; only those touching `node` when given.
    public func runs(node: String? = nil, limit: Int = 50) throws(StateStoreError) -> [RunRecord] {
        try perform { () throws(SQLiteError) in
            let statement = try database.prepare(
                "SELECT id, revision, nodes, started_at, finished_at, result, summary, holder FROM runs ORDER BY started_at DESC, id DESC")
            var out: [RunRecord] = []
            while try statement.step(), out.count < limit {
                let nodes = (statement.text(2) ?? "").split(separator: ",").map(String.init)
                if let node, !nodes.contains(node) { continue }
                out.append(RunRecord(
                    id: statement.text(0) ?? "", revision: statement.text(1) ?? "", nodes: nodes,
                    startedAt: statement.double(3), finishedAt: statement.isNull(4) ? nil : statement.double(4),
                    result: RunResult(rawValue: statement.text(5) ?? "") ?? .failed, summary: statement.text(6) ?? "",
                    holder: statement.text(7) ?? ""))
            }
            return out
        }
    }

    /// True when a process with `pid` exists on this host.
    public static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    // MARK: - Journal

    /// Records that an action is about to run; returns the entry id for `recordOutcome`.
    public func recordIntent(
        runID: String, node: String, sequence: Int, action: String, path: String, digest: String?
    ) throws(StateStoreError) -> Int64 {
        try perform { () throws(SQLiteError) in
            try database.prepare(
                "INSERT INTO journal (run_id, node, sequence, action, path, digest, outcome, intent_at) VALUES (?,?,?,?,?,?,'pending',?)"
            ).run([.text(runID), .text(node), .int(sequence), .text(action), .text(path), .optional(digest), .real(Timestamps.now())])
            return database.lastInsertRowID
        }
    }

    public func recordOutcome(_ id: Int64, outcome: JournalEntry.Outcome, detail: String = "", attempts: Int = 1)
        throws(StateStoreError)
    {
        try perform { () throws(SQLiteError) in
            try database.prepare("UPDATE journal SET outcome = ?, detail = ?, attempts = ?, outcome_at = ? WHERE id = ?")
                .run([.text(outcome.rawValue), .text(detail), .int(attempts), .real(Timestamps.now()), .integer(id)])
        }
    }

    public func journal(runID: String) throws(StateStoreError) -> [JournalEntry] {
        try perform { () throws(SQLiteError) in
            let statement = try database.prepare(
                "SELECT id, run_id, node, sequence, action, path, digest, outcome, detail, attempts FROM journal WHERE run_id = ? ORDER BY node, sequence, id")
            try statement.bind([.text(runID)])
            var out: [JournalEntry] = []
            while try statement.step() {
                out.append(JournalEntry(
                    id: Int64(statement.int(0)), runID: statement.text(1) ?? "", node: statement.text(2) ?? "",
                    sequence: statement.int(3), action: statement.text(4) ?? "", path: statement.text(5) ?? "",
                    digest: statement.text(6), outcome: JournalEntry.Outcome(rawValue: statement.text(7) ?? "") ?? .failed,
                    detail: statement.text(8) ?? "", attempts: statement.int(9)))
            }
            return out
        }
    }

    // MARK: - Events

    public func record(_ event: OperationEvent) throws(StateStoreError) {
        try perform { () throws(SQLiteError) in
            try database.prepare("INSERT INTO events (run_id, node, kind, phase, at, message) VALUES (?,?,?,?,?,?)").run([
                .text(event.runID), .optional(event.node), .text(event.kind.rawValue), .text(event.phase.rawValue),
                .real(event.at), .text(event.message),
            ])
        }
    }

    public func events(runID: String) throws(StateStoreError) -> [OperationEvent] {
        try perform { () throws(SQLiteError) in
            let statement = try database.prepare("SELECT run_id, node, kind, phase, at, message FROM events WHERE run_id = ? ORDER BY id")
            try statement.bind([.text(runID)])
            var out: [OperationEvent] = []
            while try statement.step() {
                guard let kind = OperationKind(rawValue: statement.text(2) ?? ""),
                    let phase = OperationPhase(rawValue: statement.text(3) ?? "")
                else { continue }
                out.append(OperationEvent(
                    runID: statement.text(0) ?? "", node: statement.text(1), kind: kind, phase: phase, at: statement.double(4),
                    message: statement.text(5) ?? ""))
            }
            return out
        }
    }

    // MARK: - Node status

    public func recordStatus(_ status: NodeStatus) throws(StateStoreError) {
        try perform { () throws(SQLiteError) in
            try database.prepare(
                "INSERT OR REPLACE INTO node_status (node, revision, run_id, result, at, drifted, pending) VALUES (?,?,?,?,?,?,?)"
            ).run([
                .text(status.node), .text(status.revision), .text(status.runID), .text(status.result.rawValue),
                .real(status.at), .int(status.drifted), .int(status.pending),
            ])
        }
    }

    public func statuses() throws(StateStoreError) -> [NodeStatus] {
        try perform { () throws(SQLiteError) in
            let statement = try database.prepare(
                "SELECT node, revision, run_id, result, at, drifted, pending FROM node_status ORDER BY node")
            var out: [NodeStatus] = []
            while try statement.step() {
                out.append(NodeStatus(
                    node: statement.text(0) ?? "", revision: statement.text(1) ?? "", runID: statement.text(2) ?? "",
                    result: RunResult(rawValue: statement.text(3) ?? "") ?? .failed, at: statement.double(4),
                    drifted: statement.int(5), pending: statement.int(6)))
            }
            return out
        }
    }
}
