import SQLCore

/// Query helpers: each takes SQL and arguments, uses the statement cache, and always leaves
/// the statement reset, so no helper can leave a read transaction open behind the caller.
extension Connection {
    /// Runs one statement to completion and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: StatementArguments = .none) throws -> Int {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
            return changes
        }
    }

    /// All result rows, copied out.
    public func query(_ sql: String, _ arguments: StatementArguments = .none) throws -> [Row] {
        try withStatement(sql, arguments) { statement in
            var rows: [Row] = []
            while try statement.step() {
                rows.append(try statement.currentRow())
            }
            return rows
        }
    }

    /// Calls `body` for each result row, reading columns in place (no per-row allocation).
    public func forEachRow(
        _ sql: String, _ arguments: StatementArguments = .none, _ body: (RowReader) throws -> Void
    ) throws {
        try withStatement(sql, arguments) { statement in
            let reader = RowReader(statement: statement)
            while try statement.step() {
                try body(reader)
            }
        }
    }

    /// Maps each result row with `transform`, reading columns in place.
    public func mapRows<T>(
        _ sql: String, _ arguments: StatementArguments = .none, _ transform: (RowReader) throws -> T
    ) throws -> [T] {
        try withStatement(sql, arguments) { statement in
            let reader = RowReader(statement: statement)
            var results: [T] = []
            while try statement.step() {
                results.append(try transform(reader))
            }
            return results
        }
    }

    /// Maps the first result row, or returns nil when there is none. Later rows are not read.
    public func first<T>(
        _ sql: String, _ arguments: StatementArguments = .none, _ transform: (RowReader) throws -> T
    ) throws -> T? {
        try withStatement(sql, arguments) { statement in
            guard try statement.step() else { return nil }
            return try transform(RowReader(statement: statement))
        }
    }

    /// The first result row, copied out, or nil when there is none.
    public func firstRow(_ sql: String, _ arguments: StatementArguments = .none) throws -> Row? {
        try first(sql, arguments) { try $0.materialize() }
    }

    /// The first column of the first row; `.null` when there is no row.
    public func scalar(_ sql: String, _ arguments: StatementArguments = .none) throws -> SQLValue {
        try first(sql, arguments) { try $0.value(at: 0) } ?? .null
    }

    /// Lends the cached statement for `sql`, bound to `arguments`, to `body`, then resets it.
    /// While lent, a nested query with the same SQL gets its own statement.
    func withStatement<T>(
        _ sql: String, _ arguments: StatementArguments, _ body: (Statement) throws -> T
    ) throws -> T {
        let statement = try cachedStatement(sql)
        statement.isLeased = true
        defer {
            statement.isLeased = false
            statement.reset()
            statement.clearBindings()
        }
        try statement.bind(arguments)
        return try body(statement)
    }
}
