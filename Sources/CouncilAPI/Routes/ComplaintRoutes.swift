import Domain
import HTTPServer
import JSON
import Repositories

/// `/v1/complaints`: the Ombudsman's individual decisions behind the figures.
struct ComplaintRoutes {
    let context: RouteContext

    func register(in router: inout Router) {
        router.get("/v1/complaints") { try list($0) }
        router.get("/v1/complaints/:reference") {
            try RecordResourceRoutes(resource: ComplaintResource()).show($0, context)
        }
    }

    static let csv = CSVColumns<Complaint>([
        ("reference", { $0.reference.published }), ("council", { $0.councilID }),
        ("received", { CSVFormat.optional($0.received?.iso) }), ("decided", { $0.decided.iso }),
        ("year", { $0.year.description }), ("category", { $0.category }),
        ("subcategory", { CSVFormat.optional($0.subcategory) }), ("outcome", { $0.outcome.rawValue }),
        ("not_for_us_reason", { CSVFormat.optional($0.notForUsReason?.rawValue) }),
        ("remedy_before_ombudsman", { CSVFormat.optional($0.remedyBeforeOmbudsman) }),
        ("compliance", { CSVFormat.optional($0.compliance?.rawValue) }), ("demo", { String($0.isDemo) }),
    ])

    func list(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(
            request,
            allowed: [
                "council", "year", "category", "subcategory", "outcome", "decided_from", "decided_to", "limit",
                "cursor", "format",
            ])
        let councilKey = query.string("council")
        var filter = ComplaintFilter(
            year: query.year(), category: query.string("category"), subcategory: query.string("subcategory"),
            outcome: query.choice("outcome", Outcome.self), decidedFrom: query.date("decided_from"),
            decidedTo: query.date("decided_to"))
        if let from = filter.decidedFrom, let to = filter.decidedTo, from > to {
            query.fail("decided_to", "must not be before decided_from")
        }
        let (page, representation) = try query.listRequest(request, defaultLimit: 20)
        filter.councilID = try context.councilFilter(councilKey)?.id
        let result = try context.store.complaints.list(filter, page: page)
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.complaint, csv: Self.csv, name: "complaints")
    }
}
