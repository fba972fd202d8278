/// How a transaction takes its locks (`BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
public enum TransactionKind: String, Sendable {
    /// Take locks on first use. For reads: the snapshot starts at the first SELECT.
    case deferred = "DEFERRED"
    /// Take the write lock at once, so a writer never fails half-way with SQLITE_BUSY
    /// when upgrading from a read.
    case immediate = "IMMEDIATE"
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws
    /// (any error, not only SQLite's) and re-throws that error.
    ///
    /// Called while a transaction is already open, it runs `body` in a savepoint instead,
    /// so units of work compose: an inner failure undoes only the inner work, and the outer
    /// caller decides whether to carry on.
    public func transaction<T>(
        kind: TransactionKind = .deferred, _ body: (Connection) throws -> T
    ) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try run("BEGIN \(kind.rawValue)")
        do {
            let result = try body(self)
            try run("COMMIT")
            return result
        } catch {
            // Some failures (e.g. SQLITE_FULL) already rolled back; only roll back if still open.
            // A rollback failure is secondary: the caller needs the error that caused it.
            if isInTransaction { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` inside `SAVEPOINT`: released when it returns, rolled back to when it throws.
    /// Outside a transaction the savepoint opens (and its release commits) one.
    public func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "store_savepoint_\(savepointDepth)"
        try run("SAVEPOINT \(name)")
        do {
            let result = try body(self)
            try run("RELEASE \(name)")
            return result
        } catch {
            if isInTransaction {
                _ = try? run("ROLLBACK TO \(name)")
                _ = try? run("RELEASE \(name)")
            }
            throw error
        }
    }
}
