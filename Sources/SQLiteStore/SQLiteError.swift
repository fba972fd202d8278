import CSQLite

/// A failure reported by SQLite, or by this wrapper when it is misused.
///
/// It keeps the extended result code rather than a Swift enum of cases because SQLite has
/// hundreds of codes and callers care about a handful: the predicates below name those
/// (constraint kinds, busy, read-only) so that Repositories can map a UNIQUE violation to
/// "already exists" without importing the C module. The SQL is attached when one statement
/// failed, so a log line says which query broke, not only why.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (connections are opened with `SQLITE_OPEN_EXRESCODE`).
    public let extendedCode: Int32
    /// The message from `sqlite3_errmsg` (or the wrapper's own explanation).
    public let message: String
    /// The statement being prepared or run, when one was.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code: the low byte of the extended code.
    public var code: Int32 { extendedCode & 0xff }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }

    /// Any constraint failure: UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK, NOT NULL, ...
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }
    /// A UNIQUE index or a PRIMARY KEY (including INTEGER PRIMARY KEY, the rowid) already holds the value.
    public var isUniqueViolation: Bool {
        extendedCode == CSQLITE_CONSTRAINT_UNIQUE || extendedCode == CSQLITE_CONSTRAINT_PRIMARYKEY
            || extendedCode == CSQLITE_CONSTRAINT_ROWID
    }
    public var isForeignKeyViolation: Bool { extendedCode == CSQLITE_CONSTRAINT_FOREIGNKEY }
    public var isCheckViolation: Bool { extendedCode == CSQLITE_CONSTRAINT_CHECK }
    public var isNotNullViolation: Bool { extendedCode == CSQLITE_CONSTRAINT_NOTNULL }
    /// Another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// A write was attempted on a read-only connection (or a `query_only` one).
    public var isReadOnly: Bool { code == SQLITE_READONLY }
    /// The wrapper was used against its contract (closed pool, nested write, wrong column type...).
    public var isMisuse: Bool { code == SQLITE_MISUSE || code == SQLITE_RANGE || code == SQLITE_MISMATCH }

    /// The error SQLite holds for `connection` after result code `resultCode`.
    static func fromConnection(_ connection: OpaquePointer?, resultCode: Int32, sql: String? = nil) -> SQLiteError {
        guard let connection else {
            return SQLiteError(extendedCode: resultCode, message: String(cString: sqlite3_errstr(resultCode)), sql: sql)
        }
        let extended = sqlite3_extended_errcode(connection)
        // sqlite3_errmsg describes the most recent failure; if the codes disagree the message
        // belongs to some other call, so fall back to the generic text for our code.
        let code = (extended & 0xff) == (resultCode & 0xff) ? extended : resultCode
        let message =
            code == extended
            ? String(cString: sqlite3_errmsg(connection)) : String(cString: sqlite3_errstr(resultCode))
        return SQLiteError(extendedCode: code, message: message, sql: sql)
    }

    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    static func range(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_RANGE, message: message, sql: sql)
    }

    static func mismatch(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISMATCH, message: message, sql: sql)
    }
}
