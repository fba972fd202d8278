import SQLCore

/// The few SQL spellings in which SQLite and PostgreSQL differ, in one place.
///
/// Everything else the repositories write is SQL both engines read alike (parameters in
/// SQLite's `?` form, which the PostgreSQL store rewrites; `count(*) FILTER (WHERE …)`; row-value
/// comparisons for keyset pagination; flags as 0 and 1 in both schemas). A repository asks for a
/// fragment here instead of branching on the engine itself.
struct SQLDialect {
    let engine: SQLEngine

    init(_ engine: SQLEngine) {
        self.engine = engine
    }

    /// A subquery yielding one row per string of a JSON array bound as ONE parameter (see
    /// `jsonArray`), so "rows for these keys" is one statement whatever the number of keys.
    var jsonTextArrayElements: String {
        switch engine {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgresql: "SELECT json_array_elements_text(CAST(? AS json))"
        }
    }

    /// A condition: `column` contains the parameter's text, ignoring ASCII case.
    func contains(ignoringCase column: String) -> String {
        switch engine {
        case .sqlite: "instr(lower(\(column)), lower(?)) > 0"
        case .postgresql: "strpos(lower(\(column)), lower(CAST(? AS text))) > 0"
        }
    }

    /// The calendar year in which the financial year of the date in `column` starts: months
    /// before April belong to the year that started the calendar year before.
    func financialYearStart(of column: String) -> String {
        switch engine {
        case .sqlite:
            "CAST(substr(\(column), 1, 4) AS INTEGER) - (substr(\(column), 6, 2) < '04')"
        case .postgresql:
            "CAST(EXTRACT(YEAR FROM \(column)) AS INTEGER) - CASE WHEN EXTRACT(MONTH FROM \(column)) < 4 THEN 1 ELSE 0 END"
        }
    }

    /// Whether a failed statement ends the transaction around it. PostgreSQL aborts it (only a
    /// savepoint taken before can save the rest); SQLite undoes just the statement.
    var failedStatementAbortsTransaction: Bool { engine == .postgresql }

    /// One statement that inserts or replaces many rows of `table`, given as a JSON array of
    /// objects (one member per column) bound as ONE parameter; nil where row-by-row statements
    /// are as fast (SQLite runs in-process, so a statement costs no round trip).
    func upsertMany(into table: String, columns: [String], key: String) -> String? {
        guard engine == .postgresql else { return nil }
        let list = columns.joined(separator: ", ")
        let updates = columns.filter { $0 != key }.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO \(table) (\(list))
            SELECT \(list) FROM json_populate_recordset(NULL::\(table), CAST(? AS json))
            ON CONFLICT (\(key)) DO UPDATE SET \(updates)
            """
    }
}
