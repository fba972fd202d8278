import Domain
import SQLCore

/// Reports the Ombudsman published about councils.
public struct ReportRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func report(id: String) throws -> Report? {
        try database.read { try Self.fetch(id, in: $0) }
    }

    /// Reports (of one council, or all) published within `from...to`, newest first (published,
    /// then id, both descending). The API passes ten years before `as_of` up to `as_of`, the
    /// period the Ombudsman keeps a report on its page.
    public func list(
        council councilID: String? = nil, publishedFrom from: CalendarDate, to: CalendarDate, page: PageRequest
    ) throws -> Page<Report> {
        guard from <= to else { return Page(items: [], next: nil) }
        var conditions = Conditions()
        if let councilID { conditions.add("council_id = ?", councilID) }
        conditions.add("published >= ?", from.iso)
        conditions.add("published <= ?", to.iso)
        if let after = page.after {
            let key = try after.datedValues(isValidTieBreaker: { !$0.isEmpty })
            conditions.add("(published, id) < (?, ?)", key.date, key.tieBreaker)
        }
        let sql = "SELECT \(Self.columns) FROM reports \(conditions.sql) ORDER BY published DESC, id DESC LIMIT ?"
        let rows = try database.read { connection in
            try connection.mapRows(sql, conditions.arguments(appending: page.limit + 1), Self.decode)
        }
        return Page.trimming(rows, to: page.limit) { PageKey.dated($0.published, $0.id) }
    }

    @discardableResult
    public func upsert(_ report: Report) throws -> UpsertOutcome {
        try database.write { try Self.upsert(report, index: nil, in: $0) }
    }

    /// Upserts all of `reports` in one transaction; none is stored if one fails.
    public func upsert(_ reports: [Report]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try reports.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    // MARK: Statements

    static let columns = "id, council_id, title, summary, published, reference, url, is_demo"

    static func decode(_ row: any ColumnReading) throws -> Report {
        Report(
            id: try row.string(at: 0), councilID: try row.string(at: 1), title: try row.string(at: 2),
            summary: try row.string(at: 3), published: try row.date(at: 4), reference: try row.optionalReference(at: 5),
            url: try row.optionalString(at: 6), isDemo: try row.bool(at: 7))
    }

    static func fetch(_ id: String, in connection: some SQLExecutor) throws -> Report? {
        try connection.first("SELECT \(columns) FROM reports WHERE id = ?", [id], decode)
    }

    static func delete(_ id: String, in connection: some SQLExecutor) throws -> Bool {
        try connection.run("DELETE FROM reports WHERE id = ?", [id]) > 0
    }

    static func upsert(_ report: Report, index: Int?, in connection: some SQLExecutor) throws -> UpsertOutcome {
        try RepositoryError.tagging(index: index, councilID: report.councilID) {
            let existing = try fetch(report.id, in: connection)
            if existing == report { return .unchanged }
            if existing?.councilID != report.councilID {
                try CouncilRepository.requireExists(report.councilID, in: connection)
            }
            let values: StatementArguments = [
                report.councilID, report.title, report.summary, report.published.iso, report.reference?.normalized,
                report.url, report.isDemo, report.id,
            ]
            if existing == nil {
                try connection.run(
                    """
                    INSERT INTO reports (council_id, title, summary, published, reference, url, is_demo, id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, values)
                return .created
            }
            try connection.run(
                """
                UPDATE reports SET council_id = ?, title = ?, summary = ?, published = ?, reference = ?, url = ?,
                    is_demo = ?
                WHERE id = ?
                """, values)
            return .updated
        }
    }
}
