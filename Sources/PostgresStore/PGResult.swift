import CLibPQ
import Digests
import SQLCore

/// One statement's result (`PGresult`), freed when released.
///
/// Results arrive whole (libpq reads every row before returning), so rows are read in place by
/// index, with no copy per row. Columns are converted by their type: integers, floating point and
/// numeric, booleans (as 0 and 1, as SQLite stores them), bytea, and everything else as text
/// (dates in ISO form, the connection's DateStyle).
final class PGResult {
    let handle: OpaquePointer
    let sql: String?

    init(handle: OpaquePointer, sql: String?) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        PQclear(handle)
    }

    var rowCount: Int { Int(PQntuples(handle)) }
    var columnCount: Int { Int(PQnfields(handle)) }

    /// Rows an INSERT, UPDATE or DELETE changed (0 for other commands).
    var changedRows: Int {
        guard let text = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    func columnName(at column: Int) -> String? {
        guard column >= 0, column < columnCount, let name = PQfname(handle, Int32(column)) else { return nil }
        return String(cString: name)
    }

    func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    func value(row: Int, column: Int) throws -> SQLValue {
        guard column >= 0, column < columnCount else {
            throw PGError.misuse("column index \(column) out of range 0..<\(columnCount)", sql: sql)
        }
        guard row >= 0, row < rowCount else { throw PGError.misuse("no row \(row)", sql: sql) }
        if isNull(row: row, column: column) { return .null }
        guard let raw = PQgetvalue(handle, Int32(row), Int32(column)) else { return .null }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: length)
        let text = String(decoding: bytes, as: UTF8.self)
        switch PQftype(handle, Int32(column)) {
        case PGType.bool:
            return .integer(text == "t" ? 1 : 0)
        case PGType.int2, PGType.int4, PGType.int8, PGType.oid:
            guard let value = Int64(text) else { throw mismatch(text, column, "an integer") }
            return .integer(value)
        case PGType.float4, PGType.float8, PGType.numeric:
            guard let value = Double(text) else { throw mismatch(text, column, "a number") }
            return .real(value)
        case PGType.bytea:
            guard let value = PGByteaHex.decode(bytes) else { throw mismatch("bytea", column, "hex bytea") }
            return .blob(value)
        default:
            return .text(text)
        }
    }

    private func mismatch(_ text: String, _ column: Int, _ expected: String) -> PGError {
        .misuse(
            "column \(columnName(at: column) ?? String(column)) holds '\(text.prefix(40))', expected \(expected)",
            sql: sql)
    }
}

/// The type OIDs the result reader converts (from `pg_type`; fixed since PostgreSQL 7).
enum PGType {
    static let bool: Oid = 16
    static let bytea: Oid = 17
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let oid: Oid = 26
    static let float4: Oid = 700
    static let float8: Oid = 701
    static let numeric: Oid = 1700
}

/// bytea's text output form, `\\x` then two hex digits a byte (the default since PostgreSQL 9.0).
enum PGByteaHex {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") else { return nil }
        return Hex.decode(String(decoding: bytes.dropFirst(2), as: UTF8.self))
    }
}

/// One row of a `PGResult`, read in place; valid only during the closure that received it.
public struct PGRow: ColumnReading {
    let result: PGResult
    let row: Int

    public var columnCount: Int { result.columnCount }

    public func columnName(at index: Int) -> String? { result.columnName(at: index) }

    public func value(at index: Int) throws -> SQLValue { try result.value(row: row, column: index) }

    public func isNull(at index: Int) throws -> Bool {
        guard index >= 0, index < result.columnCount else {
            throw PGError.misuse("column index \(index) out of range 0..<\(result.columnCount)", sql: result.sql)
        }
        return result.isNull(row: row, column: index)
    }

    public func readError(_ message: String) -> any Error { PGError.misuse(message, sql: result.sql) }
}
