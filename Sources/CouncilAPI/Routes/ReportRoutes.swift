import Domain
import HTTPServer
import JSON
import Repositories

/// `/v1/reports`: the Ombudsman's published reports, shown for ten years after publication like
/// on the Ombudsman's site. `as_of` moves "today" to see the list as it stood on another day.
struct ReportRoutes {
    let context: RouteContext

    func register(in router: inout Router) {
        router.get("/v1/reports") { try list($0, scopedToCouncil: false) }
        router.get("/v1/reports/:id") { try RecordResourceRoutes(resource: ReportResource()).show($0, context) }
        router.get("/v1/councils/:council/reports") { try list($0, scopedToCouncil: true) }
    }

    static let csv = CSVColumns<Report>([
        ("id", { $0.id }), ("council", { $0.councilID }), ("title", { $0.title }), ("summary", { $0.summary }),
        ("published", { $0.published.iso }), ("reference", { CSVFormat.optional($0.reference?.published) }),
        ("url", { CSVFormat.optional($0.url) }), ("demo", { String($0.isDemo) }),
    ])

    func list(_ request: HTTPRequest, scopedToCouncil: Bool) throws -> HTTPResponse {
        var allowed: Set<String> = ["as_of", "limit", "cursor", "format"]
        if !scopedToCouncil { allowed.insert("council") }
        var query = QueryReader(request, allowed: allowed)
        let councilKey = query.string("council")
        let asOf = query.date("as_of") ?? context.today
        let (page, representation) = try query.listRequest(request, defaultLimit: 20)
        let council = scopedToCouncil ? try context.council(request) : try context.councilFilter(councilKey)
        let result = try context.store.reports.list(
            council: council?.id, publishedFrom: asOf.adding(years: -Report.publicationYears).adding(days: 1), to: asOf,
            page: page)
        return Listing.respond(
            result, to: request, as: representation, json: RecordJSON.report, csv: Self.csv,
            name: council.map { "\($0.id)-reports" } ?? "reports")
    }
}
