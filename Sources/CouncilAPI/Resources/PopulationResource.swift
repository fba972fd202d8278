import Domain
import HTTPServer
import JSON
import Repositories

/// A council's population for a calendar year (the mid-year estimate), at
/// `/v1/councils/{council}/populations/{calendar_year}`.
struct PopulationResource: RecordResource {
    struct Key: Equatable {
        var councilID: String
        var year: Int
    }

    static let noun = "Population"

    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> Key {
        let council = try context.council(request)
        let text = RecordResourceKey.segment(request, "calendar_year")
        guard text.utf8.count <= 4, let year = Int(text), PopulationInput.yearRange.contains(year) else {
            throw RecordResourceKey.notFound(
                Self.noun,
                "'\(text)' is not a population year: a calendar year from \(PopulationInput.yearRange.lowerBound) "
                    + "to \(PopulationInput.yearRange.upperBound), like 2024")
        }
        return Key(councilID: council.id, year: year)
    }

    func missing(_ key: Key) -> String { "\(key.councilID) has no population on record for \(key.year)" }

    func fetch(_ key: Key, from store: DataStore) throws -> Population? {
        try store.populations.population(council: key.councilID, year: key.year)
    }

    func fetch(_ key: Key, in transaction: WriteTransaction) throws -> Population? {
        try transaction.population(council: key.councilID, year: key.year)
    }

    /// The council is the path's alone: `PopulationInput` refuses a body that names one.
    func pathMembers(_ key: Key) -> [(name: String, value: JSONValue)] {
        [("year", .int(Int64(key.year)))]
    }

    func key(of population: Population) -> Key { Key(councilID: population.councilID, year: population.year) }

    func decode(_ object: JSONObject, for key: Key, in _: InputContext) throws -> Population {
        try PopulationInput.decode(.json(object), councilID: key.councilID)
    }

    func json(_ population: Population) -> JSONValue { RecordJSON.population(population) }

    func upsert(_ population: Population, in transaction: WriteTransaction) throws -> UpsertOutcome {
        try transaction.upsert(population)
    }

    func delete(_ key: Key, in transaction: WriteTransaction) throws {
        try transaction.deletePopulation(council: key.councilID, year: key.year)
    }

    func location(_ key: Key) -> String { "/v1/councils/\(key.councilID)/populations/\(key.year)" }
}
