/// The values for a statement's parameters, either by position or by name.
///
/// One type for both forms keeps the query helpers to one signature each, and the literal
/// conformances let call sites read like SQL: `[id, name, nil]` or `[":id": id]`.
public enum StatementArguments: Sendable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// Values for `?`, `?NNN` (by number) parameters, in order.
    case positional([SQLValue])
    /// Values for `:name`, `@name` or `$name` parameters; keys may omit the prefix. SQLite only:
    /// the PostgreSQL store refuses them rather than guess an order.
    case named([String: SQLValue])

    public static let none = StatementArguments.positional([])

    public init(_ values: [(any SQLBindable)?]) {
        self = .positional(values.map { $0?.sqlValue ?? .null })
    }

    public init(named values: [String: (any SQLBindable)?]) {
        self = .named(values.mapValues { $0?.sqlValue ?? .null })
    }

    public init(arrayLiteral elements: (any SQLBindable)?...) {
        self.init(elements)
    }

    public init(dictionaryLiteral elements: (String, (any SQLBindable)?)...) {
        var values: [String: SQLValue] = [:]
        for (name, value) in elements {
            values[name] = value?.sqlValue ?? .null
        }
        self = .named(values)
    }
}
