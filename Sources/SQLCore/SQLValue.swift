/// One value of a parameter or a result column, in the five classes both engines share
/// (SQLite's storage classes; PostgreSQL's types map onto them: integers, floating point,
/// text, bytea, and booleans as the integers 0 and 1).
///
/// It is the common currency between Swift values and statements: binding converts to it,
/// materialised rows hold it. Keeping it a plain enum (not `Any`) makes rows `Sendable`
/// and lets a mismatch be reported as an error instead of a failed cast.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The class name (SQLite's spelling), for error messages.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The integer, when this is an INTEGER.
    public var int64Value: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number, when this is a REAL or an INTEGER (which converts exactly up to 2^53).
    public var doubleValue: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The string, when this is TEXT.
    public var stringValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The bytes, when this is a BLOB.
    public var blobValue: [UInt8]? {
        if case .blob(let value) = self { return value }
        return nil
    }
}

extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
