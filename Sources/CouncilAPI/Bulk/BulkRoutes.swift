import HTTPServer
import Repositories

/// `POST /v1/complaints/bulk`: many decisions in one request, as NDJSON or CSV.
///
/// The route has its own body limit (`APIConfiguration.maxBulkBytes`, 64 MiB by default) instead
/// of the server's 1 MiB; bodies that large arrive spooled to a file and are read back in pieces.
/// The councils are loaded once per upload, so validating a line costs no query for its council.
/// It runs under the same `WriteRunner` as every other write, so an `Idempotency-Key` is honoured
/// the same way (the runner fingerprints a spooled body in chunks): the answer of a committed
/// upload is kept in the upload's own transaction.
struct BulkRoutes {
    let context: RouteContext
    let writes: WriteRunner

    func register(in router: inout Router) {
        // The media type is checked from the head, so a body in a format the route cannot read
        // is refused before a byte of it is spooled.
        router.post(
            "/v1/complaints/bulk", bodyLimit: context.configuration.maxBulkBytes,
            headCheck: { _ = try BulkFormat(headers: $0.headers) }
        ) { try upload($0) }
    }

    func upload(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["mode"])
        let mode = query.choice("mode", BulkMode.self) ?? .atomic
        try query.validate()
        let format = try BulkFormat(request)

        return try writes.run(request) { scope in
            let councils = try CouncilSnapshot.load(from: context.store)
            let loader = BulkLoader(input: InputContext(today: context.today, councils: councils), mode: mode)
            do {
                return try scope.commit { transaction in
                    let report: BulkReport
                    switch format {
                    case .ndjson:
                        var records = NDJSONRecords(request.body)
                        report = try loader.load(&records, in: transaction)
                    case .csv:
                        var records = CSVRecords(request.body)
                        report = try loader.load(&records, in: transaction)
                    }
                    context.counters.countBulkLines(report.lines)
                    return report.response()
                }
            } catch let rejection as BulkLoader.Rejection {
                context.counters.countBulkLines(rejection.report.lines)
                throw rejection.report.problem
            } catch let error as BulkUploadError {
                throw error.problem
            }
        }
    }
}
