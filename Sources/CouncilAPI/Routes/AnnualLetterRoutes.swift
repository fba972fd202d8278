import Domain
import HTTPServer
import JSON
import Repositories

/// The yearly letters to a council, and the averages the Ombudsman published per council type.
struct AnnualLetterRoutes {
    let context: RouteContext

    func register(in router: inout Router) {
        router.get("/v1/councils/:council/annual-letters") { try letters($0) }
        router.get("/v1/published-averages") { try averages($0) }
        router.get("/v1/councils/:council/annual-letters/:year") {
            try RecordResourceRoutes(resource: AnnualLetterResource()).show($0, context)
        }
        router.get("/v1/published-averages/:year/:council_type/:metric") {
            try RecordResourceRoutes(resource: PublishedAverageResource()).show($0, context)
        }
    }

    func letters(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["limit", "cursor", "format"])
        let (page, representation) = try query.listRequest(request, defaultLimit: 20)
        let council = try context.council(request)
        let newestFirst = try context.store.annualLetters.letters(council: council.id).sorted { $0.year > $1.year }
        let result = try Listing.page(newestFirst, key: { $0.year.description }, request: page)
        let csv = CSVColumns<AnnualLetter>([
            ("council", { $0.councilID }), ("year", { $0.year.description }), ("published", { $0.published.iso }),
            ("url", { CSVFormat.optional($0.url) }), ("text", { CSVFormat.optional($0.text) }),
            ("demo", { String($0.isDemo) }),
        ])
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.annualLetter, csv: csv,
            name: "\(council.id)-annual-letters")
    }

    func averages(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["year", "type", "limit", "cursor", "format"])
        let year = query.year()
        let type = query.choice("type", CouncilType.self)
        let (page, representation) = try query.listRequest(request, defaultLimit: 20)
        var all: [PublishedAverage] = []
        let years = try year.map { [$0] } ?? context.store.statistics.years().reversed()
        for candidate in years {
            all +=
                try type.map { try context.store.publishedAverages.averages(year: candidate, type: $0) }
                ?? context.store.publishedAverages.averages(year: candidate)
        }
        let key: (PublishedAverage) -> String = { "\($0.year)/\($0.councilType.rawValue)/\($0.metric.rawValue)" }
        let result = try Listing.page(all, key: key, request: page)
        let csv = CSVColumns<PublishedAverage>([
            ("year", { $0.year.description }), ("council_type", { $0.councilType.rawValue }),
            ("metric", { $0.metric.rawValue }),
            ("value", { $0.metric == .upheldPer100k ? CSVFormat.oneDecimal($0.value) : CSVFormat.percent($0.value) }),
            ("demo", { String($0.isDemo) }),
        ])
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.publishedAverage, csv: csv,
            name: "published-averages")
    }
}
