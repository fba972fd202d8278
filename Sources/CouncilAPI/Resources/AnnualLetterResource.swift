import Domain
import HTTPServer
import JSON
import Repositories

/// A council's letter for a year, at `/v1/councils/{council}/annual-letters/{year}`.
struct AnnualLetterResource: RecordResource {
    struct Key: Equatable {
        var councilID: String
        var year: FinancialYear
    }

    static let noun = "Annual letter"

    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> Key {
        let council = try context.council(request)
        return Key(councilID: council.id, year: try RecordResourceKey.financialYear(request, noun: Self.noun))
    }

    func missing(_ key: Key) -> String { "\(key.councilID) has no annual letter for \(key.year)" }

    func fetch(_ key: Key, from store: DataStore) throws -> AnnualLetter? {
        try store.annualLetters.letter(council: key.councilID, year: key.year)
    }

    func fetch(_ key: Key, in transaction: WriteTransaction) throws -> AnnualLetter? {
        try transaction.annualLetter(council: key.councilID, year: key.year)
    }

    func pathMembers(_ key: Key) -> [(name: String, value: JSONValue)] {
        [("council", .string(key.councilID)), ("year", .string(key.year.description))]
    }

    func key(of letter: AnnualLetter) -> Key { Key(councilID: letter.councilID, year: letter.year) }

    func decode(_ object: JSONObject, for _: Key, in context: InputContext) throws -> AnnualLetter {
        try AnnualLetterInput.decode(.json(object), in: context)
    }

    func json(_ letter: AnnualLetter) -> JSONValue { RecordJSON.annualLetter(letter) }

    func upsert(_ letter: AnnualLetter, in transaction: WriteTransaction) throws -> UpsertOutcome {
        try transaction.upsert(letter)
    }

    func delete(_ key: Key, in transaction: WriteTransaction) throws {
        try transaction.deleteAnnualLetter(council: key.councilID, year: key.year)
    }

    func location(_ key: Key) -> String { "/v1/councils/\(key.councilID)/annual-letters/\(key.year)" }
}
