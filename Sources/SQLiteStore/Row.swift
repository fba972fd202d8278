import SQLCore

/// A result row copied out of SQLite, safe to keep after the statement moves on.
///
/// Use it when rows must outlive the query or cross threads (it is `Sendable`); for bulk
/// mapping prefer `Connection.mapRows`, which reads each column once, straight into the
/// caller's own type, without building a `Row` per result.
public struct Row: Sendable, Hashable, ColumnReading {
    /// Column names, shared by all rows of one query (copy-on-write, so not duplicated).
    public let columnNames: [String]
    public let values: [SQLValue]

    public init(columnNames: [String], values: [SQLValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    public var columnCount: Int { values.count }

    public func columnName(at index: Int) -> String? {
        columnNames.indices.contains(index) ? columnNames[index] : nil
    }

    public func value(at index: Int) throws -> SQLValue {
        guard values.indices.contains(index) else {
            throw SQLiteError.range("column index \(index) out of range 0..<\(values.count)")
        }
        return values[index]
    }

    public func isNull(at index: Int) throws -> Bool {
        try value(at: index).isNull
    }

    /// The value at `index`, or nil when there is no such column.
    public subscript(index: Int) -> SQLValue? {
        values.indices.contains(index) ? values[index] : nil
    }

    /// The value of the column called `name`, or nil when there is no such column.
    public subscript(name: String) -> SQLValue? {
        columnIndex(named: name).map { values[$0] }
    }
}
