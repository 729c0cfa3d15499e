import Foundation

extension StateStore {
    /// Takes the lease of `node` for `holder` (`host:pid:run`), waiting up to `wait` seconds while
    /// another live holder has it. An expired lease, or one whose holder process on this host is
    /// gone, is taken over.
    public func acquireLease(
        node: String, holder: String, ttl: Double, wait: Double, pollInterval: Double = 0.2
    ) throws(StateStoreError) -> Lease {
        let started = Timestamps.now()
        while true {
            let now = Timestamps.now()
            let taken: (holder: String, expiresAt: Double)? = try perform { () throws(SQLiteError) in
                try database.transaction { () throws(SQLiteError) in
                    let select = try database.prepare("SELECT holder, pid, expires_at FROM leases WHERE node = ?")
                    try select.bind([.text(node)])
                    if try select.step(), let current = select.text(0), current != holder {
                        let expires = select.double(2)
                        let pid = Int32(select.int(1))
                        let sameHost = current.split(separator: ":").first.map(String.init) == holder.split(separator: ":").first.map(String.init)
                        let alive = !sameHost || StateStore.processExists(pid)
                        if expires > now && alive { return (current, expires) }
                    }
                    let pid = Int(holder.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? Int(getpid()))
                    try database.prepare(
                        "INSERT OR REPLACE INTO leases (node, holder, pid, acquired_at, expires_at) VALUES (?,?,?,?,?)"
                    ).run([.text(node), .text(holder), .int(pid), .real(now), .real(now + ttl)])
                    return nil
                }
            }
            guard let taken else { return Lease(node: node, holder: holder, expiresAt: now + ttl) }
            let waited = Timestamps.now() - started
            if waited >= wait {
                throw .leaseHeld(node: node, holder: taken.holder, expiresAt: taken.expiresAt, waited: waited)
            }
            Thread.sleep(forTimeInterval: min(pollInterval, max(0.01, wait - waited)))
        }
    }

    /// Extends a held lease.
    public func renew(_ lease: Lease, ttl: Double) throws(StateStoreError) -> Lease {
        let expires = Timestamps.now() + ttl
        try perform { () throws(SQLiteError) in
            try database.prepare("UPDATE leases SET expires_at = ? WHERE node = ? AND holder = ?")
                .run([.real(expires), .text(lease.node), .text(lease.holder)])
        }
        return Lease(node: lease.node, holder: lease.holder, expiresAt: expires)
    }

    /// Gives a lease back (only if still held by its holder).
    public func release(_ lease: Lease) throws(StateStoreError) {
        try perform { () throws(SQLiteError) in
            try database.prepare("DELETE FROM leases WHERE node = ? AND holder = ?").run([.text(lease.node), .text(lease.holder)])
        }
    }
}
