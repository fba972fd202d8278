import Domain
import SQLiteStore

/// The two shapes of sort key the lists use, and their validation.
extension PageKey {
    /// For lists ordered by a single unique text column (councils by id).
    static func single(_ value: String) -> PageKey { PageKey([value]) }

    /// For lists ordered newest first by a date, ties broken by a unique text column.
    static func dated(_ date: CalendarDate, _ tieBreaker: String) -> PageKey { PageKey([date.iso, tieBreaker]) }

    func singleValue() throws -> String {
        guard values.count == 1, let value = values.first, !value.isEmpty else { throw RepositoryError.invalidPageKey }
        return value
    }

    /// The date (as stored, ISO text) and tie-breaker of a `dated` key; `isValidTieBreaker`
    /// rejects values no row could have (a reference that is not eight digits).
    func datedValues(isValidTieBreaker: (String) -> Bool) throws -> (date: String, tieBreaker: String) {
        guard values.count == 2, CalendarDate(iso: values[0]) != nil, isValidTieBreaker(values[1]) else {
            throw RepositoryError.invalidPageKey
        }
        return (values[0], values[1])
    }
}

/// Whether `text` is a case reference in the normal form the tables store.
func isNormalizedReference(_ text: String) -> Bool {
    CaseReference(text)?.normalized == text
}

/// A WHERE clause assembled from fixed SQL fragments, with every value bound as a parameter.
///
/// Lists take optional filters; building the clause from the filters that are present (instead
/// of `(? IS NULL OR col = ?)` for all of them) lets SQLite pick the index each filter needs.
/// The number of distinct texts is bounded by the combinations of filters, so the statement
/// cache stays small.
struct Conditions {
    private(set) var clauses: [String] = []
    private(set) var values: [SQLiteValue] = []

    mutating func add(_ clause: String, _ arguments: any SQLiteBindable...) {
        clauses.append(clause)
        values.append(contentsOf: arguments.map(\.sqliteValue))
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    func arguments(appending extra: any SQLiteBindable...) -> StatementArguments {
        .positional(values + extra.map(\.sqliteValue))
    }
}

/// A JSON array of strings, bound as ONE parameter and expanded by `json_each` in SQL, so that
/// "rows for these keys" is a single statement whatever the number of keys.
func jsonArray(_ strings: some Sequence<String>) -> String {
    var json = "["
    var first = true
    for string in strings {
        if !first { json += "," }
        first = false
        json += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
    return json + "]"
}
