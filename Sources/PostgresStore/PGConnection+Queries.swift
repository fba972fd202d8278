import SQLCore

/// The query helpers the repositories use, the same as SQLite's connection offers.
extension PGConnection: SQLExecutor {
    public var engine: SQLEngine { .postgresql }

    @discardableResult
    public func run(_ sql: String, _ arguments: StatementArguments = .none) throws -> Int {
        try execute(sql, arguments).changedRows
    }

    public func forEachRow(
        _ sql: String, _ arguments: StatementArguments = .none, _ body: (PGRow) throws -> Void
    ) throws {
        let result = try execute(sql, arguments)
        for row in 0..<result.rowCount {
            try body(PGRow(result: result, row: row))
        }
    }

    public func mapRows<T>(
        _ sql: String, _ arguments: StatementArguments = .none, _ transform: (PGRow) throws -> T
    ) throws -> [T] {
        let result = try execute(sql, arguments)
        return try (0..<result.rowCount).map { try transform(PGRow(result: result, row: $0)) }
    }

    public func first<T>(
        _ sql: String, _ arguments: StatementArguments = .none, _ transform: (PGRow) throws -> T
    ) throws -> T? {
        let result = try execute(sql, arguments)
        guard result.rowCount > 0 else { return nil }
        return try transform(PGRow(result: result, row: 0))
    }

    public func scalar(_ sql: String, _ arguments: StatementArguments = .none) throws -> SQLValue {
        try first(sql, arguments) { try $0.value(at: 0) } ?? .null
    }

    /// Runs `body` in a transaction begun with `begin` (`BEGIN`, `BEGIN ISOLATION LEVEL …`):
    /// commits when it returns, rolls back when it throws (any error) and re-throws. Inside an
    /// open transaction it runs in a savepoint instead, so units of work compose.
    public func transaction<T>(begin: String = "BEGIN", _ body: (PGConnection) throws -> T) throws -> T {
        if isInTransaction { return try savepoint(body) }
        try execute(script: begin)
        isInTransaction = true
        defer { isInTransaction = false }
        do {
            let result = try body(self)
            try execute(script: "COMMIT")
            return result
        } catch {
            // A rollback failure (the connection is gone) is secondary: the caller needs the cause.
            if isHealthy { _ = try? execute(script: "ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` inside `SAVEPOINT`: released when it returns, rolled back to when it throws,
    /// which also clears PostgreSQL's "transaction is aborted" state after a failed statement.
    public func savepoint<T>(_ body: (PGConnection) throws -> T) throws -> T {
        guard isInTransaction else { return try transaction(body) }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "store_savepoint_\(savepointDepth)"
        try execute(script: "SAVEPOINT \(name)")
        do {
            let result = try body(self)
            try execute(script: "RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            if isHealthy { _ = try? execute(script: "ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)") }
            throw error
        }
    }
}
