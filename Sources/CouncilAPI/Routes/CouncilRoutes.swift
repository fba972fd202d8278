import Domain
import HTTPServer
import JSON
import Repositories

/// `/v1/councils`: the register of councils the statistics are about.
struct CouncilRoutes {
    let context: RouteContext

    func register(in router: inout Router) {
        router.get("/v1/councils") { try list($0) }
        router.get("/v1/councils/:council") { try show($0) }
        router.get("/v1/councils/:council/populations") { try populations($0) }
        router.get("/v1/councils/:council/populations/:calendar_year") {
            try RecordResourceRoutes(resource: PopulationResource()).show($0, context)
        }
    }

    static let csv = CSVColumns<Council>([
        ("id", { $0.id }), ("name", { $0.name }), ("short_name", { $0.shortName }), ("gss_code", { $0.gssCode }),
        ("type", { $0.type.rawValue }), ("region", { CSVFormat.optional($0.region) }), ("demo", { String($0.isDemo) }),
    ])

    func list(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["type", "region", "q", "limit", "cursor", "format"])
        let filter = CouncilFilter(
            type: query.choice("type", CouncilType.self), region: query.string("region"), query: query.string("q"))
        let (page, representation) = try query.listRequest(request, defaultLimit: 20)
        let result = try context.store.councils.list(filter, page: page)
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.council, csv: Self.csv, name: "councils")
    }

    func show(_ request: HTTPRequest) throws -> HTTPResponse {
        let query = QueryReader(request, allowed: [])
        try query.validate()
        return .record(RecordJSON.council(try context.council(request)))
    }

    func populations(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["limit", "cursor", "format"])
        let (page, representation) = try query.listRequest(request, defaultLimit: 20)
        let council = try context.council(request)
        let all = try context.store.populations.populations(council: council.id)
        let result = try Listing.page(all, key: { String($0.year) }, request: page)
        let csv = CSVColumns<Population>([
            ("council", { $0.councilID }), ("year", { String($0.year) }), ("population", { String($0.population) }),
            ("source", { $0.source }),
        ])
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.population, csv: csv,
            name: "\(council.id)-populations")
    }
}
