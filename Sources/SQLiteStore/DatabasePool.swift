import Dispatch
import Foundation
import Synchronization

/// One writer and a pool of readers over a single SQLite file in WAL mode.
///
/// SQLite allows one writer at a time but, with write-ahead logging, any number of readers
/// beside it, each on a stable snapshot. The pool mirrors that: writes are serialised on a
/// queue that owns the only read-write connection (so they never contend for the lock, and
/// never see SQLITE_BUSY from each other), while reads borrow one of several read-only
/// connections and run in parallel with the writer and with each other.
///
/// Both `write` and `read` are synchronous and wrap their closure in a transaction: a write
/// is all-or-nothing, and a read sees one snapshot across all its queries.
///
/// Every committed `write` bumps `revision` in the same transaction, including writes that
/// happened to change nothing: telling "nothing changed" apart would need knowledge of the
/// caller's SQL, and a spurious bump costs a cache miss while a missed one serves stale data.
public final class DatabasePool: Sendable {
    /// The database file.
    public let path: String
    public let configuration: Configuration

    private let writerQueue = DispatchQueue(label: "SQLiteStore.DatabasePool.writer")
    private let writerQueueKey = WriterQueueKey()
    private let writer: ConnectionSlot
    private let readers: ReaderPool
    private let cachedRevision: Atomic<Int64>
    /// The WAL index's header, watched so that `knownRevision` needs no query; nil when the file
    /// is not in WAL mode or its `-shm` could not be mapped.
    private let walIndex: WALIndexWatch?
    /// The last revision read from the file, with the WAL-index header seen just before reading it.
    private let lastRead = Mutex<RevisionRead?>(nil)
    private let committedWrites = Atomic<Int>(0)
    private let failedWrites = Atomic<Int>(0)
    private let writerWaitNanoseconds = Atomic<Int>(0)
    /// Set for `temporary()` pools, whose directory is deleted with them.
    private let temporaryDirectory: String?

    /// Opens (creating if needed) the database at `path`, switches it to WAL and prepares
    /// the `store_revision` table. The path must name a file: readers are separate
    /// connections, which cannot share a `:memory:` database.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws {
        try self.init(path: path, configuration: configuration, temporaryDirectory: nil)
    }

    private init(path: String, configuration: Configuration, temporaryDirectory: String?) throws {
        guard !path.isEmpty, path != ":memory:" else {
            throw SQLiteError.misuse("DatabasePool needs a database file; use DatabasePool.temporary() for tests")
        }
        let connection = try Connection(path: path, configuration: configuration.writerConfiguration)
        let revision = try connection.transaction(kind: .immediate) { connection in
            try connection.execute(sql: StoreRevision.createTable)
            return try StoreRevision.read(connection)
        }
        let journalMode = try connection.scalar("PRAGMA journal_mode").stringValue?.lowercased()
        let readerConfiguration = configuration.readerConfiguration
        self.path = path
        self.configuration = configuration
        self.writer = ConnectionSlot(connection)
        self.readers = ReaderPool(maximumCount: configuration.maximumReaderCount) {
            try Connection(path: path, configuration: readerConfiguration)
        }
        self.cachedRevision = Atomic(revision)
        self.walIndex = journalMode == "wal" ? WALIndexWatch(databasePath: path) : nil
        self.temporaryDirectory = temporaryDirectory
        writerQueue.setSpecific(key: writerQueueKey.key, value: ())
    }

    /// A pool on a fresh file in a new directory under the system temporary directory,
    /// deleted (with its WAL and shared-memory files) when the pool is released.
    public static func temporary(configuration: Configuration = Configuration()) throws -> DatabasePool {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("SQLiteStore-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            return try DatabasePool(
                path: directory + "/store.sqlite", configuration: configuration, temporaryDirectory: directory)
        } catch {
            _ = try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit {
        // Close every connection before deleting files, so SQLite checkpoints and lets go first.
        readers.close()
        writer.close()
        if let temporaryDirectory {
            _ = try? FileManager.default.removeItem(atPath: temporaryDirectory)
        }
    }

    /// The revision after the last committed write of this pool (cached in memory; no database
    /// access). `storedRevision()` also sees writes made by other processes.
    public var revision: Int64 { cachedRevision.load(ordering: .acquiring) }

    /// The revision as stored in the database now, whoever wrote last: this pool, or another
    /// process on the same file (`council-api import councils` against a running server). One
    /// indexed single-row read on a reader connection.
    public func storedRevision() throws -> Int64 {
        let before = walIndex?.stamp()
        let revision = try readers.withReader { try StoreRevision.read($0) }
        if let before {
            lastRead.withLock { $0 = RevisionRead(stamp: before, revision: revision) }
        }
        return revision
    }

    /// The revision stored in the file now, when that is known without reading the database: the
    /// last one `storedRevision()` read, provided no commit (by this process or any other) has
    /// become visible since; nil otherwise, and always when the file is not in WAL mode.
    ///
    /// Sound because the WAL-index header was seen before the revision was read: if it still
    /// reads the same, nothing was committed after that moment, so the revision read then (at or
    /// after it) is the one stored now. A commit in between leaves a header that never reads the
    /// same again. Costs a read of shared memory and an uncontended lock, so an I/O thread may ask.
    public var knownRevision: Int64? {
        guard let walIndex, let now = walIndex.stamp() else { return nil }
        return lastRead.withLock { read in read.flatMap { $0.stamp == now ? $0.revision : nil } }
    }

    /// Runs `body` on the writer connection inside `BEGIN IMMEDIATE … COMMIT`, bumping
    /// `revision` in the same transaction. Any error thrown by `body` (or by the commit) rolls
    /// everything back and is re-thrown. Calls are serialised; the caller blocks until done.
    ///
    /// Calling `write` from inside a `write` closure throws a misuse error rather than
    /// deadlocking: use the connection you were given, or its `savepoint` for a nested unit.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try write(bumpingRevision: true, body)
    }

    /// `write` with the revision bump optional, for the store's own bookkeeping (migration
    /// tables) which must not look like a data change.
    @discardableResult
    func write<T>(bumpingRevision: Bool, _ body: (Connection) throws -> T) throws -> T {
        guard DispatchQueue.getSpecific(key: writerQueueKey.key) == nil else {
            throw SQLiteError.misuse("write called inside a write; use the connection the outer write provides")
        }
        let queued = ContinuousClock.now
        return try writerQueue.sync {
            let waited = (ContinuousClock.now - queued).components
            writerWaitNanoseconds.wrappingAdd(
                Int(waited.seconds) * 1_000_000_000 + Int(waited.attoseconds / 1_000_000_000), ordering: .relaxed)
            guard let connection = writer.connection else {
                throw SQLiteError.misuse("the database pool is closed")
            }
            do {
                var newRevision: Int64?
                let result = try connection.transaction(kind: .immediate) { connection in
                    let result = try body(connection)
                    if bumpingRevision {
                        newRevision = try StoreRevision.bump(connection)
                    }
                    return result
                }
                if let newRevision {
                    cachedRevision.store(newRevision, ordering: .releasing)
                }
                committedWrites.wrappingAdd(1, ordering: .relaxed)
                return result
            } catch {
                failedWrites.wrappingAdd(1, ordering: .relaxed)
                throw error
            }
        }
    }

    /// Runs `body` on a read-only connection inside a deferred transaction, so every query
    /// in it sees the same snapshot, taken at its first read. Reads run in parallel with
    /// each other and with the writer; when all readers are busy the call waits for one.
    ///
    /// Do not call `read` inside a `read` closure: with every reader lent out, the inner call
    /// would wait for a reader the outer one holds. Run both queries in the outer closure.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withReader { connection in
            try connection.transaction(kind: .deferred, body)
        }
    }

    /// Counters for metrics.
    public var stats: DatabasePoolStats {
        let counters = readers.counters
        var stats = DatabasePoolStats(
            reads: counters.reads,
            readWaits: counters.waits,
            waitingReads: counters.waitingNow,
            totalReadWait: counters.totalWait,
            openReaders: counters.opened,
            maximumReaders: readers.maximumCount,
            writes: committedWrites.load(ordering: .relaxed),
            failedWrites: failedWrites.load(ordering: .relaxed),
            revision: revision
        )
        stats.totalWriterWait = .nanoseconds(writerWaitNanoseconds.load(ordering: .relaxed))
        return stats
    }
}

/// Marks the writer queue so that a nested `write` is detected instead of deadlocking.
/// The key is immutable after creation and only used as an identity, hence `@unchecked`.
private final class WriterQueueKey: @unchecked Sendable {
    let key = DispatchSpecificKey<Void>()
}

/// A revision read from the file and the WAL-index header seen just before the read.
private struct RevisionRead: Sendable {
    let stamp: WALIndexWatch.Stamp
    let revision: Int64
}
