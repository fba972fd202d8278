/// The values for a statement's parameters, either by position or by name.
///
/// One type for both forms keeps the query helpers to one signature each, and the literal
/// conformances let call sites read like SQL: `[id, name, nil]` or `[":id": id]`.
public enum StatementArguments: Sendable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// Values for `?`, `?NNN` (by number) parameters, in order.
    case positional([SQLiteValue])
    /// Values for `:name`, `@name` or `$name` parameters; keys may omit the prefix.
    case named([String: SQLiteValue])

    public static let none = StatementArguments.positional([])

    public init(_ values: [(any SQLiteBindable)?]) {
        self = .positional(values.map { $0?.sqliteValue ?? .null })
    }

    public init(named values: [String: (any SQLiteBindable)?]) {
        self = .named(values.mapValues { $0?.sqliteValue ?? .null })
    }

    public init(arrayLiteral elements: (any SQLiteBindable)?...) {
        self.init(elements)
    }

    public init(dictionaryLiteral elements: (String, (any SQLiteBindable)?)...) {
        var values: [String: SQLiteValue] = [:]
        for (name, value) in elements {
            values[name] = value?.sqliteValue ?? .null
        }
        self = .named(values)
    }
}
