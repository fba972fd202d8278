import SQLCore

/// A WHERE clause assembled from fixed SQL fragments, with every value bound as a parameter.
///
/// Lists take optional filters; building the clause from the filters that are present (instead
/// of `(? IS NULL OR col = ?)` for all of them) lets SQLite pick the index each filter needs.
/// The number of distinct texts is bounded by the combinations of filters, so the statement
/// cache stays small.
struct Conditions {
    private(set) var clauses: [String] = []
    private(set) var values: [SQLValue] = []

    mutating func add(_ clause: String, _ arguments: any SQLBindable...) {
        clauses.append(clause)
        values.append(contentsOf: arguments.map(\.sqlValue))
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    func arguments(appending extra: any SQLBindable...) -> StatementArguments {
        .positional(values + extra.map(\.sqlValue))
    }
}
