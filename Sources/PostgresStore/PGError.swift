import SQLCore

/// A failure reported by PostgreSQL (or by libpq, or by this wrapper when it is misused).
///
/// PostgreSQL names every failure by a five-character SQLSTATE; callers care about a handful,
/// which the predicates below name (constraint kinds, serialization failures, a server that
/// went away), so that the repositories can map a unique violation without knowing the codes.
/// The SQL is attached when one statement failed, so a log line says which query broke.
public struct PGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SQLSTATE (`23505`), or nil when libpq failed before the server answered (no connection).
    public let sqlState: String?
    /// The primary message, without libpq's "ERROR:" prefix.
    public let message: String
    public let detail: String?
    /// The constraint a violation broke, as the server names it.
    public let constraint: String?
    /// For a NOT NULL violation: the table and column.
    public let table: String?
    public let column: String?
    /// The statement being prepared or run, when one was.
    public let sql: String?

    public init(
        sqlState: String?, message: String, detail: String? = nil, constraint: String? = nil, table: String? = nil,
        column: String? = nil, sql: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
        self.table = table
        self.column = column
        self.sql = sql
    }

    public var description: String {
        var text = "PostgreSQL error \(sqlState ?? "(no SQLSTATE)"): \(message)"
        if let detail { text += " — \(detail)" }
        if let sql { text += " (SQL: \(sql))" }
        return text
    }

    /// A wrapper misuse: no SQLSTATE of the server, but `XX000`-like class "internal" of our own.
    static func misuse(_ message: String, sql: String? = nil) -> PGError {
        PGError(sqlState: "CA000", message: message, sql: sql)
    }

    /// The connection failed or was lost: SQLSTATE class 08, or libpq had no server answer at all.
    static func connection(_ message: String, sql: String? = nil) -> PGError {
        PGError(sqlState: "08006", message: message, sql: sql)
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isNotNullViolation: Bool { sqlState == "23502" }
    public var isConstraintViolation: Bool { sqlState?.hasPrefix("23") ?? false }

    /// Another transaction's work conflicted with this one (`40001`) or the two deadlocked
    /// (`40P01`): running the whole transaction again is the documented cure.
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// The server cannot be reached or is going away: connection failures (class 08), an
    /// administrator or crash shutdown (`57P01`, `57P02`), a server still starting (`57P03`),
    /// too many connections (`53300`).
    public var isConnectionFailure: Bool {
        guard let sqlState else { return true }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(sqlState)
    }
}

extension PGError: DatabaseFailure {
    public var constraintViolation: ConstraintViolation? {
        guard isConstraintViolation else { return nil }
        let kind = ConstraintViolation.kind(
            unique: isUniqueViolation, foreignKey: isForeignKeyViolation, check: isCheckViolation,
            notNull: isNotNullViolation)
        let name = isNotNullViolation ? table.flatMap { table in column.map { "\(table).\($0)" } } : constraint
        return ConstraintViolation(kind: kind, name: name, message: message)
    }

    /// Unreachable, or still conflicting after the store's bounded retries: either way nothing
    /// was committed and the same request may succeed shortly.
    public var isUnavailable: Bool { isConnectionFailure || isSerializationFailure }
}
