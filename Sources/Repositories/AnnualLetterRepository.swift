import Domain
import SQLCore

/// The Ombudsman's yearly letters to councils.
public struct AnnualLetterRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The council's letters, newest year first.
    public func letters(council councilID: String) throws -> [AnnualLetter] {
        try database.read { connection in
            try connection.mapRows(
                "SELECT \(Self.columns) FROM annual_letters WHERE council_id = ? ORDER BY year DESC", [councilID],
                Self.decode)
        }
    }

    public func letter(council councilID: String, year: FinancialYear) throws -> AnnualLetter? {
        try database.read { try Self.fetch(councilID, year, in: $0) }
    }

    @discardableResult
    public func upsert(_ letter: AnnualLetter) throws -> UpsertOutcome {
        try database.write { try Self.upsert(letter, index: nil, in: $0) }
    }

    /// Upserts all of `letters` in one transaction; none is stored if one fails.
    public func upsert(_ letters: [AnnualLetter]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try letters.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    // MARK: Statements

    static let columns = "council_id, year, published, url, text, is_demo"

    static func decode(_ row: any ColumnReading) throws -> AnnualLetter {
        AnnualLetter(
            councilID: try row.string(at: 0), year: try row.financialYear(at: 1), published: try row.date(at: 2),
            url: try row.optionalString(at: 3), text: try row.optionalString(at: 4), isDemo: try row.bool(at: 5))
    }

    static func fetch(_ councilID: String, _ year: FinancialYear, in connection: some SQLExecutor) throws
        -> AnnualLetter?
    {
        try connection.first(
            "SELECT \(columns) FROM annual_letters WHERE council_id = ? AND year = ?", [councilID, year.startYear],
            decode)
    }

    static func delete(_ councilID: String, _ year: FinancialYear, in connection: some SQLExecutor) throws -> Bool {
        try connection.run(
            "DELETE FROM annual_letters WHERE council_id = ? AND year = ?", [councilID, year.startYear]) > 0
    }

    static func upsert(_ letter: AnnualLetter, index: Int?, in connection: some SQLExecutor) throws -> UpsertOutcome {
        try RepositoryError.tagging(index: index, councilID: letter.councilID) {
            let existing = try fetch(letter.councilID, letter.year, in: connection)
            if existing == letter { return .unchanged }
            let values: StatementArguments = [
                letter.published.iso, letter.url, letter.text, letter.isDemo, letter.councilID, letter.year.startYear,
            ]
            if existing == nil {
                try CouncilRepository.requireExists(letter.councilID, in: connection)
                try connection.run(
                    "INSERT INTO annual_letters (published, url, text, is_demo, council_id, year) VALUES (?, ?, ?, ?, ?, ?)",
                    values)
                return .created
            }
            try connection.run(
                "UPDATE annual_letters SET published = ?, url = ?, text = ?, is_demo = ? WHERE council_id = ? AND year = ?",
                values)
            return .updated
        }
    }
}
