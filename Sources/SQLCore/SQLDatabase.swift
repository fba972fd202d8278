/// A database the repositories can read and write: SQLite's `DatabasePool` or PostgreSQL's
/// `PGDatabase`, chosen at start-up and never named above the repository layer.
///
/// The contract both engines keep:
/// - `read` runs its closure in one read-only transaction: every query in it sees one snapshot.
/// - `write` runs its closure as ONE transaction that commits when it returns and rolls back when
///   it throws. Writes are serialised (one at a time across every process sharing the database),
///   so a read inside a write sees everything committed before it and nothing can change between
///   that read and the write based on it.
/// - Every committed `write` bumps the store revision in its own transaction, and `revision()`
///   returns the revision of the last committed write as the database knows it now, whichever
///   process wrote it. ETags and caches are keyed by it.
public protocol SQLDatabase: Sendable {
    var engine: SQLEngine { get }

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T

    @discardableResult
    func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T

    /// The revision after the last committed write, by any process.
    func currentRevision() throws -> Int64

    /// Counters for metrics.
    var databaseStats: DatabaseStats { get }
}
