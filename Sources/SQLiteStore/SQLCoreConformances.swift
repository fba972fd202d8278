import SQLCore

// How SQLite's types keep the engine-neutral contracts of `SQLCore`. The shared value and
// argument types were SQLite's own before PostgreSQL joined; their old names stay usable.

public typealias SQLiteValue = SQLValue
public typealias SQLiteBindable = SQLBindable

extension Row {
    public func readError(_ message: String) -> any Error { SQLiteError.mismatch(message) }
}

extension RowReader {
    public func readError(_ message: String) -> any Error { SQLiteError.mismatch(message) }
}

extension Statement {
    public func readError(_ message: String) -> any Error { SQLiteError.mismatch(message, sql: sql) }
}

extension Connection: SQLExecutor {
    public var engine: SQLEngine { .sqlite }
}

extension SQLiteError: DatabaseFailure {
    public var constraintViolation: ConstraintViolation? {
        guard isConstraintViolation else { return nil }
        let kind = ConstraintViolation.kind(
            unique: isUniqueViolation, foreignKey: isForeignKeyViolation, check: isCheckViolation,
            notNull: isNotNullViolation)
        // SQLite words these "CHECK constraint failed: <name>" and "NOT NULL constraint failed: <table.column>".
        let name = message.split(separator: ":", maxSplits: 1).dropFirst().first.map {
            String($0.drop(while: { $0 == " " }))
        }
        return ConstraintViolation(kind: kind, name: name, message: message)
    }

    /// A file database is always there; a lock held past the busy timeout is the nearest thing
    /// to "try again later".
    public var isUnavailable: Bool { isBusy }
}

extension DatabasePool: SQLDatabase {
    public var engine: SQLEngine { .sqlite }

    public func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try read { (connection: Connection) in try body(connection) }
    }

    @discardableResult
    public func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try write { (connection: Connection) in try body(connection) }
    }

    /// Read from the file, not the in-memory cache: another process may have written to it.
    public func currentRevision() throws -> Int64 { try storedRevision() }

    public var databaseStats: DatabaseStats {
        let pool = stats
        var stats = DatabaseStats(
            readWaits: pool.readWaits, totalReadWait: pool.totalReadWait, openConnections: pool.openReaders + 1,
            maximumConnections: pool.maximumReaders + 1, writes: pool.writes, failedWrites: pool.failedWrites,
            retries: 0)
        stats.totalWriterWait = pool.totalWriterWait
        return stats
    }
}
