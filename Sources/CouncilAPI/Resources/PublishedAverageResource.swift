import Domain
import HTTPServer
import JSON
import Repositories

/// An average the Ombudsman published, at `/v1/published-averages/{year}/{council_type}/{metric}`.
struct PublishedAverageResource: RecordResource {
    struct Key: Equatable {
        var year: FinancialYear
        var councilType: CouncilType
        var metric: AverageMetric
    }

    static let noun = "Published average"

    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> Key {
        Key(
            year: try RecordResourceKey.financialYear(request, noun: Self.noun),
            councilType: try RecordResourceKey.choice(request, "council_type", CouncilType.self, noun: Self.noun),
            metric: try RecordResourceKey.choice(request, "metric", AverageMetric.self, noun: Self.noun))
    }

    func missing(_ key: Key) -> String {
        "no \(key.metric.rawValue) average is on record for \(key.councilType.rawValue) councils in \(key.year)"
    }

    func fetch(_ key: Key, from store: DataStore) throws -> PublishedAverage? {
        try store.publishedAverages.average(year: key.year, type: key.councilType, metric: key.metric)
    }

    func fetch(_ key: Key, in transaction: WriteTransaction) throws -> PublishedAverage? {
        try transaction.publishedAverage(year: key.year, type: key.councilType, metric: key.metric)
    }

    func pathMembers(_ key: Key) -> [(name: String, value: JSONValue)] {
        [
            ("year", .string(key.year.description)), ("council_type", .string(key.councilType.rawValue)),
            ("metric", .string(key.metric.rawValue)),
        ]
    }

    func key(of average: PublishedAverage) -> Key {
        Key(year: average.year, councilType: average.councilType, metric: average.metric)
    }

    func decode(_ object: JSONObject, for _: Key, in _: InputContext) throws -> PublishedAverage {
        try PublishedAverageInput.decode(.json(object))
    }

    func json(_ average: PublishedAverage) -> JSONValue { RecordJSON.publishedAverage(average) }

    func upsert(_ average: PublishedAverage, in transaction: WriteTransaction) throws -> UpsertOutcome {
        try transaction.upsert(average)
    }

    func delete(_ key: Key, in transaction: WriteTransaction) throws {
        try transaction.deletePublishedAverage(year: key.year, type: key.councilType, metric: key.metric)
    }

    func location(_ key: Key) -> String {
        "/v1/published-averages/\(key.year)/\(key.councilType.rawValue)/\(key.metric.rawValue)"
    }
}
