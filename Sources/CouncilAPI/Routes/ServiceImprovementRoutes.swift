import Domain
import HTTPServer
import JSON
import Repositories

/// `/v1/service-improvements`: what councils agreed to change, newest first, ten to a page like
/// the Ombudsman's page. Those from decisions are shown for five years, those from reports for ten.
struct ServiceImprovementRoutes {
    let context: RouteContext

    func register(in router: inout Router) {
        router.get("/v1/service-improvements") { try list($0, scopedToCouncil: false) }
        router.get("/v1/councils/:council/service-improvements") { try list($0, scopedToCouncil: true) }
        router.get("/v1/service-improvements/:reference") {
            try RecordResourceRoutes(resource: ServiceImprovementResource()).show($0, context)
        }
    }

    static let csv = CSVColumns<ServiceImprovement>([
        ("reference", { $0.reference.published }), ("council", { $0.councilID }), ("category", { $0.category }),
        ("subcategory", { CSVFormat.optional($0.subcategory) }), ("decided", { $0.decided.iso }),
        ("source", { $0.source.rawValue }), ("actions", { $0.actions.joined(separator: "\n") }),
        ("demo", { String($0.isDemo) }),
    ])

    func list(_ request: HTTPRequest, scopedToCouncil: Bool) throws -> HTTPResponse {
        var allowed: Set<String> = ["category", "as_of", "limit", "cursor", "format"]
        if !scopedToCouncil { allowed.insert("council") }
        var query = QueryReader(request, allowed: allowed)
        let councilKey = query.string("council")
        let category = query.string("category")
        let asOf = query.date("as_of") ?? context.today
        let (page, representation) = try query.listRequest(request, defaultLimit: 10)
        let council = scopedToCouncil ? try context.council(request) : try context.councilFilter(councilKey)
        let result = try context.store.serviceImprovements.list(
            council: council?.id, category: category, asOf: asOf, page: page)
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.serviceImprovement, csv: Self.csv,
            name: council.map { "\($0.id)-service-improvements" } ?? "service-improvements")
    }
}
