import Domain
import SQLCore

/// Resident populations by council and year, for the per-100,000 figures.
public struct PopulationRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The council's populations, oldest year first.
    public func populations(council councilID: String) throws -> [Population] {
        try database.read { connection in
            try connection.mapRows(
                "SELECT \(Self.columns) FROM populations WHERE council_id = ? ORDER BY year", [councilID], Self.decode)
        }
    }

    /// The populations of several councils (a comparison group) in one query, keyed by council
    /// id, each oldest year first. Councils without a figure are absent.
    public func populations(councils councilIDs: some Collection<String>) throws -> [String: [Population]] {
        guard !councilIDs.isEmpty else { return [:] }
        let rows = try database.read { connection in
            try connection.mapRows(
                """
                SELECT \(Self.columns) FROM populations
                WHERE council_id IN (\(SQLDialect(connection.engine).jsonTextArrayElements))
                ORDER BY council_id, year
                """, [jsonArray(councilIDs)], Self.decode)
        }
        return Dictionary(grouping: rows, by: \.councilID)
    }

    /// The council's population for `year`, if one is stored.
    public func population(council councilID: String, year: Int) throws -> Population? {
        try database.read { try Self.fetch(councilID, year, in: $0) }
    }

    @discardableResult
    public func upsert(_ population: Population) throws -> UpsertOutcome {
        try database.write { try Self.upsert(population, index: nil, in: $0) }
    }

    /// Upserts all of `populations` in one transaction; none is stored if one fails.
    public func upsert(_ populations: [Population]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try populations.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    // MARK: Statements

    static let columns = "council_id, year, population, source"

    static func decode(_ row: any ColumnReading) throws -> Population {
        Population(
            councilID: try row.string(at: 0), year: try row.int(at: 1), population: try row.int(at: 2),
            source: try row.string(at: 3))
    }

    static func fetch(_ councilID: String, _ year: Int, in connection: some SQLExecutor) throws -> Population? {
        try connection.first(
            "SELECT \(columns) FROM populations WHERE council_id = ? AND year = ?", [councilID, year], decode)
    }

    static func delete(_ councilID: String, _ year: Int, in connection: some SQLExecutor) throws -> Bool {
        try connection.run("DELETE FROM populations WHERE council_id = ? AND year = ?", [councilID, year]) > 0
    }

    static func upsert(_ population: Population, index: Int?, in connection: some SQLExecutor) throws -> UpsertOutcome {
        try RepositoryError.tagging(index: index, councilID: population.councilID) {
            let existing = try fetch(population.councilID, population.year, in: connection)
            if existing == population { return .unchanged }
            if existing == nil {
                try CouncilRepository.requireExists(population.councilID, in: connection)
                try connection.run(
                    "INSERT INTO populations (population, source, council_id, year) VALUES (?, ?, ?, ?)",
                    [population.population, population.source, population.councilID, population.year])
                return .created
            }
            try connection.run(
                "UPDATE populations SET population = ?, source = ? WHERE council_id = ? AND year = ?",
                [population.population, population.source, population.councilID, population.year])
            return .updated
        }
    }
}
