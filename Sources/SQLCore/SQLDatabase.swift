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

    /// The revision `currentRevision()` would return, when it is known without any I/O (no
    /// query, no round trip, no wait), or nil: then only `currentRevision()` can tell. A server
    /// asks this on its I/O threads, to answer a request from memory without handing it to a
    /// worker.
    var knownRevision: Int64? { get }

    /// Counters for metrics.
    var databaseStats: DatabaseStats { get }
}

extension SQLDatabase {
    /// Unknown: a database other processes write to without telling this one (PostgreSQL, where
    /// another instance may have written) must be asked.
    public var knownRevision: Int64? { nil }
}
