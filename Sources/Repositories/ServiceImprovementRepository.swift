import Domain
import SQLCore

/// Service improvements councils agreed to, each with its actions in agreed order.
public struct ServiceImprovementRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The improvement with its actions, whether or not it is still published.
    public func improvement(_ reference: CaseReference) throws -> ServiceImprovement? {
        try database.read { try Self.fetch(reference, in: $0) }
    }

    /// Improvements (of one council, one category, or all) the Ombudsman still publishes on `asOf`,
    /// newest first (decided, then reference, both descending), each with its actions.
    ///
    /// "Still published" is `ServiceImprovement.isPublished(on:)`: decided on or before `asOf`
    /// and after `asOf` minus five years (from a decision) or ten (from a report). The ten-year
    /// bound is a range on the index; the five-year one filters decision rows within it.
    public func list(
        council councilID: String? = nil, category: String? = nil, asOf: CalendarDate, page: PageRequest
    ) throws -> Page<ServiceImprovement> {
        var conditions = Conditions()
        if let councilID { conditions.add("council_id = ?", councilID) }
        if let category { conditions.add("category = ?", category) }
        conditions.add("decided <= ?", asOf.iso)
        conditions.add("decided > ?", asOf.adding(years: -ImprovementSource.report.publicationYears).iso)
        conditions.add(
            "(source = ? OR decided > ?)", ImprovementSource.report.rawValue,
            asOf.adding(years: -ImprovementSource.decision.publicationYears).iso)
        if let after = page.after {
            let key = try after.datedValues(isValidTieBreaker: isNormalizedReference)
            conditions.add("(decided, reference) < (?, ?)", key.date, key.tieBreaker)
        }
        let sql = """
            SELECT \(Self.columns) FROM service_improvements \(conditions.sql)
            ORDER BY decided DESC, reference DESC LIMIT ?
            """
        let rows = try database.read { connection in
            let rows = try connection.mapRows(sql, conditions.arguments(appending: page.limit + 1), Self.decode)
            return try Self.attachingActions(to: rows, in: connection)
        }
        return Page.trimming(rows, to: page.limit) { PageKey.dated($0.decided, $0.reference.normalized) }
    }

    @discardableResult
    public func upsert(_ improvement: ServiceImprovement) throws -> UpsertOutcome {
        try database.write { try Self.upsert(improvement, index: nil, in: $0) }
    }

    /// Upserts all of `improvements` (with their actions) in one transaction; none is stored if one fails.
    public func upsert(_ improvements: [ServiceImprovement]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try improvements.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    /// Removes the improvement and its actions; returns whether there was one.
    @discardableResult
    public func delete(_ reference: CaseReference) throws -> Bool {
        try database.write { try Self.delete(reference, in: $0) }
    }

    // MARK: Statements

    static let columns = "reference, council_id, category, subcategory, decided, source, is_demo"

    /// The row without its actions, which `attachingActions` fills in.
    static func decode(_ row: any ColumnReading) throws -> ServiceImprovement {
        ServiceImprovement(
            reference: try row.reference(at: 0), councilID: try row.string(at: 1), category: try row.string(at: 2),
            subcategory: try row.optionalString(at: 3), decided: try row.date(at: 4),
            source: try row.value(ImprovementSource.self, at: 5), actions: [], isDemo: try row.bool(at: 6))
    }

    /// Loads the actions of all `improvements` in ONE query (not one per improvement).
    static func attachingActions(
        to improvements: [ServiceImprovement], in connection: some SQLExecutor
    ) throws -> [ServiceImprovement] {
        guard !improvements.isEmpty else { return [] }
        var actions: [String: [String]] = [:]
        try connection.forEachRow(
            """
            SELECT reference, text FROM service_improvement_actions
            WHERE reference IN (\(SQLDialect(connection.engine).jsonTextArrayElements))
            ORDER BY reference, position
            """, [jsonArray(improvements.map(\.reference.normalized))]
        ) { row in
            actions[try row.string(at: 0), default: []].append(try row.string(at: 1))
        }
        return improvements.map { improvement in
            var improvement = improvement
            improvement.actions = actions[improvement.reference.normalized] ?? []
            return improvement
        }
    }

    static func fetch(_ reference: CaseReference, in connection: some SQLExecutor) throws -> ServiceImprovement? {
        guard
            let row = try connection.first(
                "SELECT \(columns) FROM service_improvements WHERE reference = ?", [reference.normalized], decode)
        else { return nil }
        return try attachingActions(to: [row], in: connection).first
    }

    /// Its actions go with it (`ON DELETE CASCADE`).
    static func delete(_ reference: CaseReference, in connection: some SQLExecutor) throws -> Bool {
        try connection.run("DELETE FROM service_improvements WHERE reference = ?", [reference.normalized]) > 0
    }

    static func upsert(_ improvement: ServiceImprovement, index: Int?, in connection: some SQLExecutor) throws
        -> UpsertOutcome
    {
        try RepositoryError.tagging(index: index, councilID: improvement.councilID) {
            let existing = try fetch(improvement.reference, in: connection)
            if existing == improvement { return .unchanged }
            if existing?.councilID != improvement.councilID {
                try CouncilRepository.requireExists(improvement.councilID, in: connection)
            }
            let values: StatementArguments = [
                improvement.councilID, improvement.category, improvement.subcategory, improvement.decided.iso,
                improvement.source.rawValue, improvement.isDemo, improvement.reference.normalized,
            ]
            if existing == nil {
                try connection.run(
                    """
                    INSERT INTO service_improvements (council_id, category, subcategory, decided, source, is_demo, reference)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, values)
            } else {
                try connection.run(
                    """
                    UPDATE service_improvements SET council_id = ?, category = ?, subcategory = ?, decided = ?,
                        source = ?, is_demo = ?
                    WHERE reference = ?
                    """, values)
            }
            if existing?.actions != improvement.actions {
                try connection.run(
                    "DELETE FROM service_improvement_actions WHERE reference = ?", [improvement.reference.normalized])
                for (position, text) in improvement.actions.enumerated() {
                    try connection.run(
                        "INSERT INTO service_improvement_actions (reference, position, text) VALUES (?, ?, ?)",
                        [improvement.reference.normalized, position, text])
                }
            }
            return existing == nil ? .created : .updated
        }
    }
}
