import Domain
import SQLCore

/// The averages the Ombudsman itself published per council type and year, kept apart from the
/// averages the Statistics module computes so the two can be shown side by side.
public struct PublishedAverageRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The published averages for one type and year, in metric order (as `AverageMetric.allCases`).
    public func averages(year: FinancialYear, type: CouncilType) throws -> [PublishedAverage] {
        let rows = try database.read { connection in
            try connection.mapRows(
                "SELECT \(Self.columns) FROM published_averages WHERE year = ? AND council_type = ?",
                [year.startYear, type.rawValue], Self.decode)
        }
        let order = AverageMetric.allCases
        return rows.sorted { (order.firstIndex(of: $0.metric) ?? 0) < (order.firstIndex(of: $1.metric) ?? 0) }
    }

    /// Every published average of one year, all types.
    public func averages(year: FinancialYear) throws -> [PublishedAverage] {
        try database.read { connection in
            try connection.mapRows(
                "SELECT \(Self.columns) FROM published_averages WHERE year = ? ORDER BY council_type, metric",
                [year.startYear], Self.decode)
        }
    }

    /// The one average published for `type` and `metric` in `year`, if any.
    public func average(year: FinancialYear, type: CouncilType, metric: AverageMetric) throws -> PublishedAverage? {
        try database.read { try Self.fetch(year, type, metric, in: $0) }
    }

    @discardableResult
    public func upsert(_ average: PublishedAverage) throws -> UpsertOutcome {
        try database.write { try Self.upsert(average, index: nil, in: $0) }
    }

    /// Upserts all of `averages` in one transaction; none is stored if one fails.
    public func upsert(_ averages: [PublishedAverage]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try averages.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    // MARK: Statements

    static let columns = "year, council_type, metric, value, is_demo"

    static func decode(_ row: any ColumnReading) throws -> PublishedAverage {
        PublishedAverage(
            year: try row.financialYear(at: 0), councilType: try row.value(CouncilType.self, at: 1),
            metric: try row.value(AverageMetric.self, at: 2), value: try row.double(at: 3), isDemo: try row.bool(at: 4))
    }

    static func fetch(
        _ year: FinancialYear, _ type: CouncilType, _ metric: AverageMetric, in connection: some SQLExecutor
    ) throws -> PublishedAverage? {
        try connection.first(
            "SELECT \(columns) FROM published_averages WHERE year = ? AND council_type = ? AND metric = ?",
            [year.startYear, type.rawValue, metric.rawValue], decode)
    }

    static func delete(
        _ year: FinancialYear, _ type: CouncilType, _ metric: AverageMetric, in connection: some SQLExecutor
    ) throws -> Bool {
        try connection.run(
            "DELETE FROM published_averages WHERE year = ? AND council_type = ? AND metric = ?",
            [year.startYear, type.rawValue, metric.rawValue]) > 0
    }

    static func upsert(_ average: PublishedAverage, index: Int?, in connection: some SQLExecutor) throws
        -> UpsertOutcome
    {
        try RepositoryError.tagging(index: index, councilID: nil) {
            let existing = try fetch(average.year, average.councilType, average.metric, in: connection)
            if existing == average { return .unchanged }
            let values: StatementArguments = [
                average.value, average.isDemo, average.year.startYear, average.councilType.rawValue,
                average.metric.rawValue,
            ]
            if existing == nil {
                try connection.run(
                    "INSERT INTO published_averages (value, is_demo, year, council_type, metric) VALUES (?, ?, ?, ?, ?)",
                    values)
                return .created
            }
            try connection.run(
                "UPDATE published_averages SET value = ?, is_demo = ? WHERE year = ? AND council_type = ? AND metric = ?",
                values)
            return .updated
        }
    }
}
