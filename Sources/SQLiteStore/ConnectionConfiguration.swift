/// How a `Connection` is opened and set up.
///
/// The settings are explicit rather than left to SQLite's compile-time defaults because those
/// differ between distributions (foreign keys off, rollback journal, no busy timeout), and a
/// store that silently ignores its foreign keys is worse than one that refuses to start.
public struct ConnectionConfiguration: Sendable {
    public enum Access: Sendable {
        /// Open (creating the file if needed) for reading and writing.
        case readWrite
        /// Open an existing file read-only and also set `PRAGMA query_only`, so a write fails
        /// loudly even through paths the open flag does not cover.
        case readOnly
    }

    /// `PRAGMA synchronous`: how hard SQLite pushes each commit to disk.
    public enum Synchronous: String, Sendable {
        case off = "OFF"
        case normal = "NORMAL"
        case full = "FULL"
        case extra = "EXTRA"
    }

    public var access: Access
    /// Switch the database to write-ahead logging when opening read-write. WAL is what lets
    /// readers run beside the writer; it is a property of the file, so readers need not set it.
    public var usesWriteAheadLog: Bool
    /// `PRAGMA foreign_keys`.
    public var enforcesForeignKeys: Bool
    /// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    public var busyTimeout: Duration
    /// Applied to read-write connections only; it has no meaning for a reader.
    public var synchronous: Synchronous
    /// Most compiled statements kept per connection; SQL built at run time cannot grow it without bound.
    public var statementCacheCapacity: Int

    public init(
        access: Access = .readWrite,
        usesWriteAheadLog: Bool = true,
        enforcesForeignKeys: Bool = true,
        busyTimeout: Duration = .seconds(5),
        synchronous: Synchronous = .full,
        statementCacheCapacity: Int = 256
    ) {
        self.access = access
        self.usesWriteAheadLog = usesWriteAheadLog
        self.enforcesForeignKeys = enforcesForeignKeys
        self.busyTimeout = busyTimeout
        self.synchronous = synchronous
        self.statementCacheCapacity = statementCacheCapacity
    }

    /// `busyTimeout` in whole milliseconds, clamped to what `sqlite3_busy_timeout` accepts.
    var busyTimeoutMilliseconds: Int32 {
        let (seconds, attoseconds) = busyTimeout.components
        guard seconds >= 0 else { return 0 }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int32.max }
        let milliseconds = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        guard !milliseconds.overflow else { return Int32.max }
        return Int32(clamping: milliseconds.partialValue)
    }
}
