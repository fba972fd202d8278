import SQLCore

/// The current row of a running query, read in place.
///
/// It is what the closure-based readers (`forEachRow`, `mapRows`, `first`) hand out: a view
/// that reads columns directly from the statement, so scanning a large result allocates
/// only what the caller builds. It can read but not step or rebind, which keeps the loop in
/// the helper's hands; do not keep it beyond the closure call.
public struct RowReader: ColumnReading {
    let statement: Statement

    init(statement: Statement) {
        self.statement = statement
    }

    public var columnCount: Int { statement.columnCount }

    public func columnName(at index: Int) -> String? {
        statement.columnName(at: index)
    }

    public func value(at index: Int) throws -> SQLValue {
        try statement.value(at: index)
    }

    public func isNull(at index: Int) throws -> Bool {
        try statement.isNull(at: index)
    }

    /// A copy of the row that outlives the statement.
    public func materialize() throws -> Row {
        try statement.currentRow()
    }
}
