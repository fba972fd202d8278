import Domain
import SQLCore

/// Decisions on complaints: look-up by reference, filtered lists newest first, and the writes
/// of the ingestion API.
public struct ComplaintRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    // MARK: Reads

    public func complaint(_ reference: CaseReference) throws -> Complaint? {
        try database.read { try Self.fetch(reference, in: $0) }
    }

    /// Decisions matching `filter`, newest first (decided, then reference, both descending).
    public func list(_ filter: ComplaintFilter = ComplaintFilter(), page: PageRequest) throws -> Page<Complaint> {
        var conditions = Conditions()
        if let councilID = filter.councilID { conditions.add("council_id = ?", councilID) }
        if let category = filter.category { conditions.add("category = ?", category) }
        if let subcategory = filter.subcategory { conditions.add("subcategory = ?", subcategory) }
        if let outcome = filter.outcome { conditions.add("outcome = ?", outcome.rawValue) }
        let range = filter.decidedRange
        if let lower = range.lower, let upper = range.upper, lower > upper { return Page(items: [], next: nil) }
        if let lower = range.lower { conditions.add("decided >= ?", lower.iso) }
        if let upper = range.upper { conditions.add("decided <= ?", upper.iso) }
        if let after = page.after {
            let key = try after.datedValues(isValidTieBreaker: isNormalizedReference)
            conditions.add("(decided, reference) < (?, ?)", key.date, key.tieBreaker)
        }
        let sql = """
            SELECT \(Self.columns) FROM complaints \(conditions.sql)
            ORDER BY decided DESC, reference DESC LIMIT ?
            """
        let rows = try database.read { connection in
            try connection.mapRows(sql, conditions.arguments(appending: page.limit + 1), Self.decode)
        }
        return Page.trimming(rows, to: page.limit) { PageKey.dated($0.decided, $0.reference.normalized) }
    }

    // MARK: Writes

    /// Creates or replaces the decision with this reference.
    @discardableResult
    public func upsert(_ complaint: Complaint) throws -> UpsertOutcome {
        try database.write { try Self.upsert(complaint, index: nil, in: $0) }
    }

    /// Upserts all of `complaints` in one transaction: either every one is stored, or (when one
    /// fails, reported as `RepositoryError.batchRecord`) none is. Outcomes are in input order.
    public func upsert(_ complaints: [Complaint]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try complaints.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    /// Removes the decision; returns whether there was one.
    @discardableResult
    public func delete(_ reference: CaseReference) throws -> Bool {
        try database.write { try $0.run("DELETE FROM complaints WHERE reference = ?", [reference.normalized]) > 0 }
    }

    // MARK: Statements

    static let columns = """
        reference, council_id, received, decided, category, subcategory, outcome, not_for_us_reason, \
        remedy_before_ombudsman, compliance, is_demo
        """

    static func decode(_ row: any ColumnReading) throws -> Complaint {
        Complaint(
            reference: try row.reference(at: 0),
            councilID: try row.string(at: 1),
            received: try row.optionalDate(at: 2),
            decided: try row.date(at: 3),
            category: try row.string(at: 4),
            subcategory: try row.optionalString(at: 5),
            outcome: try row.value(Outcome.self, at: 6),
            notForUsReason: try row.optionalValue(NotForUsReason.self, at: 7),
            remedyBeforeOmbudsman: try row.optionalBool(at: 8),
            compliance: try row.optionalValue(Compliance.self, at: 9),
            isDemo: try row.bool(at: 10)
        )
    }

    static func fetch(_ reference: CaseReference, in connection: some SQLExecutor) throws -> Complaint? {
        try connection.first(
            "SELECT \(columns) FROM complaints WHERE reference = ?", [reference.normalized], decode)
    }

    static func upsert(_ complaint: Complaint, index: Int?, in connection: some SQLExecutor) throws -> UpsertOutcome {
        try RepositoryError.tagging(index: index, councilID: complaint.councilID) {
            let existing = try fetch(complaint.reference, in: connection)
            if existing == complaint { return .unchanged }
            if existing?.councilID != complaint.councilID {
                try CouncilRepository.requireExists(complaint.councilID, in: connection)
            }
            let values: StatementArguments = [
                complaint.councilID, complaint.received?.iso, complaint.decided.iso, complaint.category,
                complaint.subcategory, complaint.outcome.rawValue, complaint.notForUsReason?.rawValue,
                complaint.remedyBeforeOmbudsman, complaint.compliance?.rawValue, complaint.isDemo,
                complaint.reference.normalized,
            ]
            if existing == nil {
                try connection.run(
                    """
                    INSERT INTO complaints (council_id, received, decided, category, subcategory, outcome,
                        not_for_us_reason, remedy_before_ombudsman, compliance, is_demo, reference)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, values)
                return .created
            }
            try connection.run(
                """
                UPDATE complaints SET council_id = ?, received = ?, decided = ?, category = ?, subcategory = ?,
                    outcome = ?, not_for_us_reason = ?, remedy_before_ombudsman = ?, compliance = ?, is_demo = ?
                WHERE reference = ?
                """, values)
            return .updated
        }
    }
}
