import SQLCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL database shared by every instance of the API: the engine for running many.
///
/// It keeps the contract of `SQLDatabase` across processes:
/// - **Reads** run in `REPEATABLE READ READ ONLY` transactions, so every query of one read sees
///   one snapshot, as on SQLite.
/// - **Writes** run in `READ COMMITTED` transactions whose first statement bumps the one row of
///   `store_revision`. That row lock is the store's single-writer lock across all instances:
///   a second writer waits at that statement until the first commits, then sees its work
///   (each later statement takes a fresh snapshot), so "read, then write based on it" holds as it
///   does behind SQLite's one writer, and two instances upserting the same records at once give
///   correct created/updated/unchanged counts instead of unique violations.
/// - **The revision** is read from the database on every call: another instance may have
///   written a moment ago, and a stale revision would let an ETag or a cached figure outlive it.
///
/// Failures: a serialization failure or deadlock (possible only with other writers than ours)
/// runs the transaction again, up to `maximumAttempts`; a connection found broken (PostgreSQL
/// restarted) is replaced and the transaction retried when nothing of it can have committed,
/// i.e. unless the failure came while COMMIT was in flight. What is still failing surfaces as a
/// `PGError` whose `isUnavailable` is true (the API answers 503). Write closures may therefore run
/// more than once, and must build their state inside.
public final class PGDatabase: SQLDatabase {
    public let configuration: PGConfiguration
    let pool: PGConnectionPool
    private let counters = Mutex(Counters())
    /// Run when the database is released (tests drop their schema).
    private let onClose: (@Sendable () -> Void)?

    private struct Counters {
        var writes = 0
        var failedWrites = 0
        var retries = 0
        var writerWait = Duration.zero
    }

    /// No connection is made here: the first read or write connects, so a server can start
    /// (and answer "not ready") while PostgreSQL is still unreachable.
    public init(configuration: PGConfiguration, onClose: (@Sendable () -> Void)? = nil) {
        self.configuration = configuration
        self.pool = PGConnectionPool(configuration: configuration)
        self.onClose = onClose
    }

    deinit {
        pool.close()
        onClose?()
    }

    public var engine: SQLEngine { .postgresql }

    static let readBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    static let bumpRevision = "UPDATE store_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision"

    public func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try withRetries { connection in
            try connection.transaction(begin: Self.readBegin) { try body($0) }
        }
    }

    /// `read` on the connection type itself, for this module's own callers.
    public func readConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try withRetries { connection in
            try connection.transaction(begin: Self.readBegin, body)
        }
    }

    @discardableResult
    public func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try writeConnection { try body($0) }
    }

    /// `write` on the connection type itself, for this module's own callers (bulk COPY).
    public func writeConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        do {
            let result = try withRetries { connection in
                try connection.transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { connection in
                    // The bump waits for the row lock while another writer holds it: that is the wait.
                    let queued = ContinuousClock.now
                    let bumped = try connection.scalar(Self.bumpRevision).int64Value
                    let waited = ContinuousClock.now - queued
                    counters.withLock { $0.writerWait += waited }
                    guard bumped != nil else {
                        throw PGError.misuse("store_revision has no row; run the migrations first")
                    }
                    return try body(connection)
                }
            }
            counters.withLock { $0.writes += 1 }
            return result
        } catch {
            counters.withLock { $0.failedWrites += 1 }
            throw error
        }
    }

    public func currentRevision() throws -> Int64 {
        try withRetries { connection in
            guard let revision = try connection.scalar("SELECT revision FROM store_revision WHERE id = 1").int64Value
            else { throw PGError.misuse("store_revision has no row; run the migrations first") }
            return revision
        }
    }

    /// Runs `body` on a pooled connection outside any transaction of the store's: for the
    /// migrator's advisory lock and for tests.
    public func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try pool.withConnection(body)
    }

    /// Runs `attempt` on a pooled connection; runs it again, on a fresh connection where the
    /// old one broke, while the failure is one that a new attempt can cure.
    private func withRetries<T>(_ attempt: (PGConnection) throws -> T) throws -> T {
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try pool.withConnection(attempt)
            } catch let error as PGError where attempts < configuration.maximumAttempts && Self.isRetryable(error) {
                counters.withLock { $0.retries += 1 }
                if error.isConnectionFailure {
                    pool.dropIdle()
                    // A server that is down stays down for a while: after one fresh try, give up
                    // (503) rather than hold the request through the outage.
                    if attempts >= 2 { throw error }
                } else {
                    // Serialization failure: back off a little, more each time, so the
                    // conflicting transaction can finish.
                    usleep(UInt32(min(attempts * attempts * 2_000, 50_000)))
                }
            }
        }
    }

    /// Retry when nothing can have committed: a serialization failure or deadlock (rolled
    /// back by the server), or a connection that failed before COMMIT was sent.
    private static func isRetryable(_ error: PGError) -> Bool {
        if error.isSerializationFailure { return true }
        return error.isConnectionFailure && error.sql != "COMMIT"
    }

    public var databaseStats: DatabaseStats {
        let pool = pool.counters
        let counts = counters.withLock { $0 }
        var stats = DatabaseStats(
            readWaits: pool.waits, totalReadWait: pool.totalWait, openConnections: pool.open,
            maximumConnections: configuration.poolSize, writes: counts.writes, failedWrites: counts.failedWrites,
            retries: counts.retries)
        stats.totalWriterWait = counts.writerWait
        return stats
    }
}
