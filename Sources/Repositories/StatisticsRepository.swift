import Domain
import SQLCore

/// Decision counts per council and year: the database counts, `Statistics` turns counts into
/// rates. Every count is one aggregate query over `complaints_statistics`, a covering index, so
/// a tally never reads the complaint rows themselves.
public struct StatisticsRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The council's counts for the year; all zero when it had no decisions (or does not exist,
    /// which the API checks beforehand).
    public func tally(council councilID: String, year: FinancialYear) throws -> DecisionTally {
        // An aggregate without GROUP BY always yields exactly one row (zeros when nothing matched).
        let tally = try database.read { connection in
            try connection.first(
                """
                SELECT \(Self.countColumns) FROM complaints
                WHERE council_id = ? AND decided BETWEEN ? AND ?
                """, [councilID, year.start.iso, year.end.iso]
            ) { try Self.decodeTally($0, from: 0, council: councilID, year: year) }
        }
        return tally ?? DecisionTally(councilID: councilID, year: year)
    }

    /// The counts of every council of `type` (every council when nil) that had at least one
    /// decision in the year, in council id order: the comparison group behind the averages.
    public func tallies(type: CouncilType?, year: FinancialYear) throws -> [DecisionTally] {
        let sql: String
        let arguments: StatementArguments
        if let type {
            sql = """
                SELECT c.id, \(Self.countColumns) FROM councils AS c
                JOIN complaints ON complaints.council_id = c.id
                WHERE c.type = ? AND complaints.decided BETWEEN ? AND ?
                GROUP BY c.id ORDER BY c.id
                """
            arguments = [type.rawValue, year.start.iso, year.end.iso]
        } else {
            sql = """
                SELECT council_id, \(Self.countColumns) FROM complaints
                WHERE decided BETWEEN ? AND ?
                GROUP BY council_id ORDER BY council_id
                """
            arguments = [year.start.iso, year.end.iso]
        }
        return try database.read { connection in
            try connection.mapRows(sql, arguments) { row in
                try Self.decodeTally(row, from: 1, council: try row.string(at: 0), year: year)
            }
        }
    }

    /// The council's counts for every financial year it has decisions in, oldest first.
    public func history(council councilID: String) throws -> [DecisionTally] {
        try database.read { connection in
            try connection.mapRows(
                """
                SELECT \(SQLDialect(connection.engine).financialYearStart(of: "decided")) AS start_year, \(Self.countColumns) FROM complaints
                WHERE council_id = ?
                GROUP BY start_year ORDER BY start_year
                """, [councilID]
            ) { row in
                try Self.decodeTally(row, from: 1, council: councilID, year: try row.financialYear(at: 0))
            }
        }
    }

    /// The financial year of the council's most recent decision, or nil when it has none.
    public func latestYear(council councilID: String) throws -> FinancialYear? {
        try database.read { connection in
            try connection.first(
                "SELECT max(decided) FROM complaints WHERE council_id = ?", [councilID]
            ) { try $0.optionalDate(at: 0) }?.map(FinancialYear.init(containing:))
        }
    }

    /// Every financial year with at least one decision, oldest first.
    ///
    /// Found by skipping from year to year through the decided index (`min(decided)` after the
    /// end of the previous year), which costs one index seek per year instead of a scan of every
    /// decision. All seeks run in one read, so they see one snapshot.
    public func years() throws -> [FinancialYear] {
        try database.read { connection in
            var years: [FinancialYear] = []
            var next = try connection.first("SELECT min(decided) FROM complaints", .none) { try $0.optionalDate(at: 0) }
            while let decided = next.flatMap({ $0 }) {
                let year = FinancialYear(containing: decided)
                years.append(year)
                next = try connection.first("SELECT min(decided) FROM complaints WHERE decided > ?", [year.end.iso]) {
                    try $0.optionalDate(at: 0)
                }
            }
            return years
        }
    }

    // MARK: Statements

    static let countColumns = """
        count(*) FILTER (WHERE outcome = 'not_for_us'), \
        count(*) FILTER (WHERE outcome = 'assessed_and_closed'), \
        count(*) FILTER (WHERE outcome = 'upheld'), \
        count(*) FILTER (WHERE outcome = 'not_upheld'), \
        count(*) FILTER (WHERE outcome = 'upheld' AND remedy_before_ombudsman = 1), \
        count(*) FILTER (WHERE outcome = 'upheld' AND compliance = 'complied'), \
        count(*) FILTER (WHERE outcome = 'upheld' AND compliance = 'not_complied')
        """

    /// Reads the seven `countColumns` starting at column `first`.
    static func decodeTally(
        _ row: any ColumnReading, from first: Int, council councilID: String, year: FinancialYear
    ) throws -> DecisionTally {
        DecisionTally(
            councilID: councilID, year: year, notForUs: try row.int(at: first),
            assessedAndClosed: try row.int(at: first + 1), upheld: try row.int(at: first + 2),
            notUpheld: try row.int(at: first + 3), remediedBeforeOmbudsman: try row.int(at: first + 4),
            complied: try row.int(at: first + 5), notComplied: try row.int(at: first + 6))
    }
}
