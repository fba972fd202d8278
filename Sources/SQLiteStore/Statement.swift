import CSQLite
import SQLCore

/// A compiled SQL statement (`sqlite3_stmt`), owned by exactly one connection.
///
/// Not `Sendable`: a statement belongs to its connection's thread of use. It finalises itself
/// when released, so statements that outlive their connection stay safe (the connection is
/// closed with `sqlite3_close_v2`, which waits for them). Parameters are numbered from 1,
/// as in SQL's `?NNN`; result columns from 0, as in `sqlite3_column_*`.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was compiled from.
    public let sql: String
    /// Number of distinct parameters (`?`, `?NNN`, `:name`, `@name`, `$name`).
    public let parameterCount: Int
    /// Number of result columns (0 for statements that return no rows).
    public let columnCount: Int
    /// Set while a query helper is iterating, so the statement cache hands out a fresh
    /// statement to a nested query with the same SQL instead of resetting this one.
    var isLeased = false
    /// Whether the last `step()` produced a row, i.e. whether columns may be read.
    private var hasRow = false
    private var cachedColumnNames: [String]?

    /// Compiles `sql`, which must hold exactly one statement.
    init(database: OpaquePointer, sql: String, persistent: Bool) throws {
        var compiled: OpaquePointer?
        var trailingStatement = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let resultCode = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, flags, &compiled, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                // Whatever follows must be whitespace or comments only: compile it to find out.
                var extra: OpaquePointer?
                if sqlite3_prepare_v3(database, tail, -1, 0, &extra, nil) != SQLITE_OK || extra != nil {
                    trailingStatement = true
                }
                sqlite3_finalize(extra)
            }
            return code
        }
        guard resultCode == SQLITE_OK else {
            sqlite3_finalize(compiled)
            throw SQLiteError.fromConnection(database, resultCode: resultCode, sql: sql)
        }
        guard let compiled else {
            throw SQLiteError.misuse("no SQL statement to prepare", sql: sql)
        }
        guard !trailingStatement else {
            sqlite3_finalize(compiled)
            throw SQLiteError.misuse("more than one statement; use execute(sql:) for scripts", sql: sql)
        }
        self.handle = compiled
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(compiled))
        self.columnCount = Int(sqlite3_column_count(compiled))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether the statement leaves the database unchanged (SELECT, most PRAGMA reads, BEGIN).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Advances to the next row. Returns true when a row is available, false when done.
    /// On failure the statement is reset and the error carries SQLite's message and this SQL.
    public func step() throws -> Bool {
        let resultCode = sqlite3_step(handle)
        switch resultCode {
        case SQLITE_ROW:
            hasRow = true
            return true
        case SQLITE_DONE:
            hasRow = false
            return false
        default:
            hasRow = false
            let error = SQLiteError.fromConnection(sqlite3_db_handle(handle), resultCode: resultCode, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Rewinds the statement so it can run again, ending any read it holds open.
    /// Bindings are kept; `clearBindings()` drops them.
    public func reset() {
        hasRow = false
        // The return value repeats the last step's error, already thrown by step().
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Runs the statement to completion with `arguments`, then resets it.
    public func execute(_ arguments: StatementArguments = .none) throws {
        reset()
        try bind(arguments)
        defer { reset() }
        while try step() {}
    }

    // MARK: Columns

    public func columnName(at index: Int) -> String? {
        guard index >= 0, index < columnCount, let name = sqlite3_column_name(handle, Int32(index)) else {
            return nil
        }
        return String(cString: name)
    }

    /// All result column names, in order.
    public var columnNames: [String] {
        if let cachedColumnNames { return cachedColumnNames }
        let names = (0..<columnCount).map { columnName(at: $0) ?? "" }
        cachedColumnNames = names
        return names
    }

    public func value(at index: Int) throws -> SQLValue {
        let column = try checkedColumn(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Ask for the pointer first, then the length, as the SQLite docs require.
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            // A zero-length blob comes back as a NULL pointer; it is still a BLOB.
            guard let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    public func isNull(at index: Int) throws -> Bool {
        sqlite3_column_type(handle, try checkedColumn(index)) == SQLITE_NULL
    }

    /// A copy of the current row.
    public func currentRow() throws -> Row {
        var values: [SQLValue] = []
        values.reserveCapacity(columnCount)
        for index in 0..<columnCount {
            values.append(try value(at: index))
        }
        return Row(columnNames: columnNames, values: values)
    }

    private func checkedColumn(_ index: Int) throws -> Int32 {
        guard hasRow else {
            throw SQLiteError.misuse("no current row: step() must return true before columns are read", sql: sql)
        }
        guard index >= 0, index < columnCount else {
            throw SQLiteError.range("column index \(index) out of range 0..<\(columnCount)", sql: sql)
        }
        return Int32(index)
    }
}

extension Statement: ColumnReading {}
