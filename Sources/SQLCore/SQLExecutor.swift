/// What the repositories need of a connection: run a statement, read its rows.
///
/// Both engines' connections conform (SQLite's `Connection`, PostgreSQL's `PGConnection`), so a
/// repository's SQL is written once and runs on either. Parameters are always bound, never
/// spliced into the text: `?` marks one (`?NNN` one by number), as SQLite spells it; the
/// PostgreSQL store rewrites them to `$n` once per statement text. A row handed to a closure is
/// only valid during that call.
///
/// `engine` lets the few statements that must differ ask which dialect to speak; those
/// differences are kept together in the repositories' `SQLDialect`, not spread through them.
public protocol SQLExecutor {
    associatedtype Row: ColumnReading

    /// Which database this connection talks to.
    var engine: SQLEngine { get }

    /// Runs one statement to completion and returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ arguments: StatementArguments) throws -> Int

    /// Calls `body` for each result row.
    func forEachRow(_ sql: String, _ arguments: StatementArguments, _ body: (Row) throws -> Void) throws

    /// Maps each result row with `transform`.
    func mapRows<T>(_ sql: String, _ arguments: StatementArguments, _ transform: (Row) throws -> T) throws -> [T]

    /// Maps the first result row, or returns nil when there is none.
    func first<T>(_ sql: String, _ arguments: StatementArguments, _ transform: (Row) throws -> T) throws -> T?

    /// The first column of the first row; `.null` when there is no row.
    func scalar(_ sql: String, _ arguments: StatementArguments) throws -> SQLValue

    /// Runs `body` in a savepoint: its work is undone when it throws, and the transaction
    /// around it goes on. PostgreSQL aborts a whole transaction on any failed statement, so a
    /// write that may fail without failing its transaction (one line of a bulk upload) must run
    /// in one; on SQLite it costs next to nothing.
    func savepoint<T>(_ body: (Self) throws -> T) throws -> T
}

extension SQLExecutor {
    /// `run` with no parameters.
    @discardableResult
    public func run(_ sql: String) throws -> Int {
        try run(sql, .none)
    }

    /// `scalar` with no parameters.
    public func scalar(_ sql: String) throws -> SQLValue {
        try scalar(sql, .none)
    }
}
