import Domain
import HTTPServer
import JSON
import Repositories

/// A published report, at `/v1/reports/{id}`.
///
/// An id that breaks `ReportID`'s rule was stored before migration 0003 cleaned it: reading its
/// URL answers the record under the clean id, so a link the API once gave out keeps working. A
/// write must name the clean id: a PUT to an unclean one would otherwise create a record that
/// lives at another URL than the one written to.
struct ReportResource: RecordResource {
    static let noun = "Report"

    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> String {
        let text = RecordResourceKey.segment(request, "id")
        if let id = ReportID(parsing: text) { return id.normalForm }
        let isRead = request.method == .get || request.method == .head
        guard isRead, let id = ReportID(parsing: ReportID.cleaned(text)) else {
            throw RecordResourceKey.notFound(Self.noun, "'\(text)' is not a report id: it \(ReportID.invalidMessage)")
        }
        return id.normalForm
    }

    func missing(_ id: String) -> String { "no report has the id '\(id)'" }

    func fetch(_ id: String, from store: DataStore) throws -> Report? {
        try store.reports.report(id: id)
    }

    func fetch(_ id: String, in transaction: WriteTransaction) throws -> Report? {
        try transaction.report(id: id)
    }

    func pathMembers(_ id: String) -> [(name: String, value: JSONValue)] {
        [("id", .string(id))]
    }

    func key(of report: Report) -> String { report.id }

    func decode(_ object: JSONObject, for _: String, in context: InputContext) throws -> Report {
        try ReportInput.decode(.json(object), in: context)
    }

    func json(_ report: Report) -> JSONValue { RecordJSON.report(report) }

    func upsert(_ report: Report, in transaction: WriteTransaction) throws -> UpsertOutcome {
        try transaction.upsert(report)
    }

    func delete(_ id: String, in transaction: WriteTransaction) throws {
        try transaction.deleteReport(id: id)
    }

    func location(_ id: String) -> String { "/v1/reports/\(id)" }
}
