import CSQLite

/// One SQLite database connection with its own statement cache.
///
/// Deliberately not `Sendable`: it is opened with `SQLITE_OPEN_NOMUTEX`, so SQLite does no
/// locking of its own and the type system must keep it on one thread at a time. Sharing
/// happens one level up, in `DatabasePool`, which hands a connection to a single closure
/// at a time. Every setting that matters is applied at open (see `ConnectionConfiguration`),
/// so a connection is either fully configured or not created at all.
public final class Connection {
    let handle: OpaquePointer
    /// The database file path (or `:memory:`).
    public let path: String
    public let configuration: ConnectionConfiguration
    private var statementCache: [String: Statement] = [:]
    var savepointDepth = 0

    /// Opens `path` and applies `configuration`. Throws if the file cannot be opened or any
    /// setting cannot be applied (for example WAL on a filesystem that does not support it).
    public init(path: String, configuration: ConnectionConfiguration = ConnectionConfiguration()) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch configuration.access {
        case .readWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var opened: OpaquePointer?
        let resultCode = sqlite3_open_v2(path, &opened, flags, nil)
        guard resultCode == SQLITE_OK, let opened else {
            let error = SQLiteError.fromConnection(opened, resultCode: resultCode, sql: nil)
            // Even a failed open may allocate a handle, which must be released.
            sqlite3_close_v2(opened)
            throw SQLiteError(extendedCode: error.extendedCode, message: "\(error.message) (opening \(path))")
        }
        self.handle = opened
        self.path = path
        self.configuration = configuration
        // From here a throw releases the instance, and deinit closes the handle.
        try configure()
    }

    deinit {
        // Drop cached statements first; any the caller still holds keep the handle alive
        // as a zombie until they are released, which close_v2 permits.
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private func configure() throws {
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        try execute(sql: "PRAGMA foreign_keys = \(configuration.enforcesForeignKeys ? "ON" : "OFF")")
        switch configuration.access {
        case .readWrite:
            if configuration.usesWriteAheadLog {
                let mode = try scalar("PRAGMA journal_mode = WAL").stringValue?.lowercased()
                // An in-memory database reports "memory" and cannot use WAL; that is expected.
                guard mode == "wal" || mode == "memory" else {
                    throw SQLiteError.misuse("could not switch \(path) to WAL (journal_mode is \(mode ?? "unknown"))")
                }
            }
            try execute(sql: "PRAGMA synchronous = \(configuration.synchronous.rawValue)")
        case .readOnly:
            try execute(sql: "PRAGMA query_only = ON")
        }
    }

    /// Runs a script of zero or more statements separated by semicolons, without arguments
    /// (`sqlite3_exec`). Meant for DDL, migrations and pragmas; use `run` for parameterised SQL.
    public func execute(sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let resultCode = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard resultCode == SQLITE_OK else {
            var error = SQLiteError.fromConnection(handle, resultCode: resultCode, sql: sql)
            if let errorMessage {
                error = SQLiteError(extendedCode: error.extendedCode, message: String(cString: errorMessage), sql: sql)
            }
            throw error
        }
    }

    /// The compiled statement for `sql`, from this connection's cache when it is there.
    ///
    /// The statement comes back reset with its bindings cleared. The cache keeps ownership:
    /// a later `cachedStatement` call with the same SQL resets it again, so finish with one
    /// use (and `reset()` it, which ends its read) before asking again. Prefer the query
    /// helpers (`run`, `query`, `mapRows`), which do this bookkeeping.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql], !statement.isLeased {
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try Statement(database: handle, sql: sql, persistent: true)
        if statementCache[sql] == nil {
            evictIfFull()
            statementCache[sql] = statement
        }
        return statement
    }

    /// A new statement that this connection does not cache; the caller owns it.
    public func makeStatement(_ sql: String) throws -> Statement {
        try Statement(database: handle, sql: sql, persistent: false)
    }

    /// Number of statements in the cache.
    public var cachedStatementCount: Int { statementCache.count }

    /// Finalises every cached statement that is not in use.
    public func clearStatementCache() {
        statementCache = statementCache.filter { $0.value.isLeased }
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Rows changed since the connection opened.
    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    private func evictIfFull() {
        guard statementCache.count >= max(configuration.statementCacheCapacity, 1) else { return }
        // Any idle entry will do: the cache exists for the handful of hot queries, which are
        // re-prepared once if evicted, and tracking recency would cost on every lookup.
        if let victim = statementCache.first(where: { !$0.value.isLeased })?.key {
            statementCache.removeValue(forKey: victim)
        }
    }
}
