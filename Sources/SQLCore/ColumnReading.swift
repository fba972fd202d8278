/// Typed access to the columns of one result row.
///
/// Both a live row (`RowReader`, reading straight from the statement, no allocation per row)
/// and a materialised `Row` conform, so mapping code is written once and works on either.
/// Reads are strict: asking for an INTEGER where the column holds TEXT or NULL throws an error
/// naming the column (the engine's own error type, from `readError`), instead of a silent
/// conversion to 0 or "". Columns are numbered from 0.
///
/// Both engines' rows conform, so the repositories decode a row once for SQLite and PostgreSQL.
public protocol ColumnReading {
    /// Number of columns in the row.
    var columnCount: Int { get }
    /// The column's name as SQLite reports it (the `AS` alias when there is one).
    func columnName(at index: Int) -> String?
    /// The value in column `index`; throws when the index is out of range or there is no row.
    func value(at index: Int) throws -> SQLValue
    /// Whether column `index` holds NULL.
    func isNull(at index: Int) throws -> Bool
    /// The error to throw for a value of the wrong class or a missing column, in the engine's
    /// own error type, so a caller's `catch` for that engine sees every failure of its reads.
    func readError(_ message: String) -> any Error
}

extension ColumnReading {
    /// The index of the first column called `name` (compared case-insensitively, as SQL does).
    public func columnIndex(named name: String) -> Int? {
        let wanted = name.lowercased()
        for index in 0..<columnCount where columnName(at: index)?.lowercased() == wanted {
            return index
        }
        return nil
    }

    /// The value in the column called `name`.
    public func value(named name: String) throws -> SQLValue {
        guard let index = columnIndex(named: name) else {
            throw readError("no column named '\(name)' in the result")
        }
        return try value(at: index)
    }

    public func int64(at index: Int) throws -> Int64 {
        try required(optionalInt64(at: index), index, "INTEGER")
    }

    public func optionalInt64(at index: Int) throws -> Int64? {
        switch try value(at: index) {
        case .null: return nil
        case .integer(let value): return value
        case let other: throw mismatch(index, expected: "INTEGER", found: other)
        }
    }

    public func int(at index: Int) throws -> Int {
        try required(optionalInt(at: index), index, "INTEGER")
    }

    public func optionalInt(at index: Int) throws -> Int? {
        guard let wide = try optionalInt64(at: index) else { return nil }
        guard let value = Int(exactly: wide) else {
            throw readError("column \(describe(index)) holds \(wide), which does not fit in Int")
        }
        return value
    }

    /// REAL, or INTEGER converted to Double.
    public func double(at index: Int) throws -> Double {
        try required(optionalDouble(at: index), index, "REAL")
    }

    public func optionalDouble(at index: Int) throws -> Double? {
        switch try value(at: index) {
        case .null: return nil
        case .real(let value): return value
        case .integer(let value): return Double(value)
        case let other: throw mismatch(index, expected: "REAL", found: other)
        }
    }

    public func string(at index: Int) throws -> String {
        try required(optionalString(at: index), index, "TEXT")
    }

    public func optionalString(at index: Int) throws -> String? {
        switch try value(at: index) {
        case .null: return nil
        case .text(let value): return value
        case let other: throw mismatch(index, expected: "TEXT", found: other)
        }
    }

    public func blob(at index: Int) throws -> [UInt8] {
        try required(optionalBlob(at: index), index, "BLOB")
    }

    public func optionalBlob(at index: Int) throws -> [UInt8]? {
        switch try value(at: index) {
        case .null: return nil
        case .blob(let value): return value
        case let other: throw mismatch(index, expected: "BLOB", found: other)
        }
    }

    /// INTEGER 0 is false and any other integer true, matching how `Bool` binds.
    public func bool(at index: Int) throws -> Bool {
        try required(optionalBool(at: index), index, "INTEGER")
    }

    public func optionalBool(at index: Int) throws -> Bool? {
        try optionalInt64(at: index).map { $0 != 0 }
    }

    private func required<T>(_ value: T?, _ index: Int, _ expected: String) throws -> T {
        guard let value else { throw mismatch(index, expected: expected, found: .null) }
        return value
    }

    private func mismatch(_ index: Int, expected: String, found: SQLValue) -> any Error {
        readError("column \(describe(index)) holds \(found.typeName), expected \(expected)")
    }

    private func describe(_ index: Int) -> String {
        if let name = columnName(at: index) { return "\(index) (\(name))" }
        return "\(index)"
    }
}
