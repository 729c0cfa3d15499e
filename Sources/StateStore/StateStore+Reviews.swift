extension StateStore {
    /// One promotion review: an approval (with its merge commit) or a rejection (with its reason).
    public struct Review: Hashable, Sendable {
        public var branch: String
        public var commit: String
        public var decision: String
        public var reviewer: String?
        public var reason: String?
        public var mergeCommit: String?
        public var at: Double
    }

    public func recordReview(
        branch: String, commit: String, decision: String, reviewer: String?, reason: String?, mergeCommit: String?
    ) throws(StateStoreError) {
        try perform { () throws(SQLiteError) in
            try database.prepare(
                "INSERT INTO reviews (branch, commit_id, decision, reviewer, reason, merge_commit, at) VALUES (?,?,?,?,?,?,?)"
            ).run([
                .text(branch), .text(commit), .text(decision), .optional(reviewer), .optional(reason), .optional(mergeCommit),
                .real(Timestamps.now()),
            ])
        }
    }

    public func reviews() throws(StateStoreError) -> [Review] {
        try perform { () throws(SQLiteError) in
            let statement = try database.prepare(
                "SELECT branch, commit_id, decision, reviewer, reason, merge_commit, at FROM reviews ORDER BY id")
            var out: [Review] = []
            while try statement.step() {
                out.append(Review(
                    branch: statement.text(0) ?? "", commit: statement.text(1) ?? "", decision: statement.text(2) ?? "",
                    reviewer: statement.text(3), reason: statement.text(4), mergeCommit: statement.text(5), at: statement.double(6)))
            }
            return out
        }
    }
}
